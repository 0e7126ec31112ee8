import { createHash, randomBytes } from 'node:crypto';

/** A manager session lasts this long after its last use (sliding). */
const MANAGER_SESSION_TTL_MS = 5 * 60 * 1000;
/** A few devices at most (the kiosk, a web preview tab); older sessions give way. */
const MAX_SESSIONS = 8;

/**
 * Manager sessions after a correct PIN: random 32-byte tokens, in memory only (a restart logs
 * everyone out), stored as SHA-256 digests so a lookup by token is not a string comparison that
 * leaks timing about the secret token itself.
 */
export class ManagerSessions {
  readonly #sessions = new Map<string, number>();
  readonly #now: () => number;
  readonly #ttlMs: number;

  constructor(now: () => number = Date.now, ttlMs = MANAGER_SESSION_TTL_MS) {
    this.#now = now;
    this.#ttlMs = ttlMs;
  }

  issue(): { token: string; expiresAt: Date } {
    this.#prune();
    while (this.#sessions.size >= MAX_SESSIONS) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined) break;
      this.#sessions.delete(oldest);
    }
    const token = randomBytes(32).toString('hex');
    const expiresAt = this.#now() + this.#ttlMs;
    this.#sessions.set(digest(token), expiresAt);
    return { token, expiresAt: new Date(expiresAt) };
  }

  /** True for a live token, and extends it; false for absent, unknown or expired tokens. */
  check(token: string | undefined): boolean {
    if (typeof token !== 'string' || token === '') return false;
    const key = digest(token);
    const expiresAt = this.#sessions.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt <= this.#now()) {
      this.#sessions.delete(key);
      return false;
    }
    // Re-insert so Map order stays "least recently used first" for eviction.
    this.#sessions.delete(key);
    this.#sessions.set(key, this.#now() + this.#ttlMs);
    return true;
  }

  revokeAll(): void {
    this.#sessions.clear();
  }

  #prune(): void {
    const now = this.#now();
    for (const [key, expiresAt] of this.#sessions) if (expiresAt <= now) this.#sessions.delete(key);
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
