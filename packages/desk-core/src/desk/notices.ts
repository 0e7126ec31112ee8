import type { Notice, NoticeCode } from '@balance-desk/contract';

/**
 * The banners of `app:status`: the stores' own load-time notices plus what the Desk learns while
 * running (provisioning, vault trouble, a clock the gateway rejects). One notice per code.
 */
export class NoticeBoard {
  readonly #own = new Map<NoticeCode, Notice>();
  readonly #now: () => Date;
  readonly #sources: (() => Notice[])[];

  constructor(now: () => Date, sources: (() => Notice[])[] = []) {
    this.#now = now;
    this.#sources = sources;
  }

  raise(code: NoticeCode, detail?: string): void {
    const notice: Notice = { code, at: this.#now().toISOString() };
    if (detail !== undefined) notice.detail = detail;
    this.#own.set(code, notice);
  }

  /** Raised by the Desk itself (the stores' own notices are not counted). */
  has(code: NoticeCode): boolean {
    return this.#own.has(code);
  }

  clear(code: NoticeCode): void {
    this.#own.delete(code);
  }

  list(): Notice[] {
    const seen = new Set<NoticeCode>();
    const out: Notice[] = [];
    for (const notice of [...this.#sources.flatMap((source) => source()), ...this.#own.values()]) {
      if (seen.has(notice.code)) continue;
      seen.add(notice.code);
      out.push({ ...notice });
    }
    return out;
  }
}
