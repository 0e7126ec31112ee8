import { createHash } from 'node:crypto';
import { TopClient, type TopClientOptions, type TopExecutor } from '@balance-desk/top-client';
import { bindingProblem, CredentialOriginError } from './credential-binding';
import type { GatewayTarget } from './target';

/** What the service needs from a TOP client; `TopClient` is the default, tests may wrap it. */
interface LookupClient extends TopExecutor {
  close(): void | Promise<void>;
}
export type ClientFactory = (options: TopClientOptions) => LookupClient;

const defaultClientFactory: ClientFactory = (options) => new TopClient(options);

interface Entry {
  key: string;
  client: LookupClient;
  users: number;
  retired: boolean;
}

export interface Lease {
  client: LookupClient;
  release(): void;
}

/** What a client is built from; everything else about a target (shop, unit) varies per call. */
export type ClientTarget = Pick<
  GatewayTarget,
  | 'gatewayUrl'
  | 'appKey'
  | 'appSecret'
  | 'appSecretOrigin'
  | 'session'
  | 'sessionOrigin'
  | 'signMethod'
  | 'timeoutMs'
  | 'network'
>;

/**
 * One cached client (keep-alive sockets survive between scans). A target with other credentials or
 * another gateway builds a new client; the old one is closed once its in-flight calls are done, so a
 * manager saving settings never kills the lookup the cashier is waiting for. The key covers all a
 * client is built from, so a settings save that changes none of it keeps the warm connection.
 */
export class ClientPool {
  #current: Entry | undefined;
  readonly #factory: ClientFactory;

  constructor(factory: ClientFactory = defaultClientFactory) {
    this.#factory = factory;
  }

  /** Throws CredentialOriginError, before any client or socket exists, for credentials of another gateway. */
  acquire(target: ClientTarget): Lease {
    checkBinding(target);
    const key = keyOf(target);
    if (this.#current?.key !== key) {
      this.#retire();
      this.#current = { key, client: this.#factory(clientOptions(target)), users: 0, retired: false };
    }
    return this.#lease(this.#current);
  }

  /**
   * The cached client when `target` is the cached one, else a one-off client closed on release: a
   * manager testing draft credentials must not evict the cashier's warm client. May throw what the
   * factory throws (a URL that is not http(s)).
   */
  borrow(target: ClientTarget): Lease {
    checkBinding(target);
    const key = keyOf(target);
    if (this.#current?.key === key) return this.#lease(this.#current);
    return this.#lease({ key, client: this.#factory(clientOptions(target)), users: 0, retired: true });
  }

  #lease(entry: Entry): Lease {
    entry.users += 1;
    let released = false;
    return {
      client: entry.client,
      release: () => {
        if (released) return;
        released = true;
        entry.users -= 1;
        if (entry.retired && entry.users === 0) void closeQuietly(entry.client);
      },
    };
  }

  async close(): Promise<void> {
    const entry = this.#current;
    this.#current = undefined;
    if (entry) await closeQuietly(entry.client);
  }

  #retire(): void {
    const entry = this.#current;
    if (!entry) return;
    this.#current = undefined;
    entry.retired = true;
    if (entry.users === 0) void closeQuietly(entry.client);
  }
}

/** Every client is built here, so no signed call can go to a gateway its credentials do not belong to. */
function checkBinding(target: ClientTarget): void {
  const problem = bindingProblem(target);
  if (problem) throw new CredentialOriginError(problem);
}

// Hashed so the cache key is not one more copy of the secret lying around in memory.
function keyOf(target: ClientTarget): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        target.gatewayUrl,
        target.appKey,
        target.appSecret,
        target.session ?? '',
        target.signMethod,
        target.network?.key ?? '',
      ]),
    )
    .digest('hex');
}

function clientOptions(target: ClientTarget): TopClientOptions {
  const options: TopClientOptions = {
    appKey: target.appKey,
    appSecret: target.appSecret,
    gatewayUrl: target.gatewayUrl,
    signMethod: target.signMethod,
    timeoutMs: target.timeoutMs,
  };
  if (target.session !== undefined) options.session = target.session;
  if (target.network !== undefined) options.network = target.network;
  return options;
}

async function closeQuietly(client: LookupClient): Promise<void> {
  try {
    await client.close();
  } catch {
    // Closing is best effort: a client that fails to close holds only idle sockets.
  }
}
