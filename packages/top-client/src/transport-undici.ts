import { Pool, type Dispatcher } from 'undici';
import { gatewayConnector, type TopNetworkOptions } from './connector';
import { TopAbortError, TopTimeoutError } from './errors';
import {
  FORM_CONTENT_TYPE,
  MAX_RESPONSE_BYTES,
  closedClientError,
  oversizedError,
  toTransportError,
  type RawResponse,
  type TopTransport,
} from './transport';

/**
 * Idle keep-alive sockets are dropped after this long, below the 5 s keep-alive timeout of
 * common servers (Node's own included), so a reused socket is very unlikely to be one the server is
 * closing at that very moment (which would surface as a spurious ECONNRESET). undici also honours a
 * shorter `Keep-Alive: timeout=N` hint from the server.
 */
const FREE_SOCKET_TIMEOUT_MS = 4000;

/** A flat header list is copied as is; undici adds `host` and `content-length` itself. */
const HEADERS: string[] = ['content-type', FORM_CONTENT_TYPE];

/**
 * Default transport for http(s) gateways: one undici `Pool` (keep-alive, one origin) driven through
 * `dispatch()` with a handler object. That skips the Readable body stream and async-hooks resource
 * that `Pool.request()` creates per call, and its controller is the abort handle a whole-call
 * deadline needs (request() would need an AbortController per call). Client CPU per call against
 * the sandbox, same machine and load: concurrency 1 ≈ 56 µs here vs ≈ 78 µs `Pool.request()` and
 * ≈ 76 µs a keep-alive node:http Agent; concurrency 16 ≈ 28 vs ≈ 33 and ≈ 35 µs. `Agent` measured
 * the same as `Pool`; a lone `Client` serves one call at a time. Not a fetch: Node's global fetch
 * made about half the calls/s of a keep-alive agent here.
 * TLS verification is undici's default (on) and is never turned off; a proxy, extra roots and
 * the issuer of a refused certificate are handled in the connector (connector.ts), per connection.
 */
export class UndiciTransport implements TopTransport {
  readonly #pool: Pool;
  readonly #path: string;
  readonly #closeConnector: () => void;
  #closed = false;

  constructor(url: URL, network?: TopNetworkOptions) {
    const connector = gatewayConnector(network);
    this.#closeConnector = connector.close;
    this.#pool = new Pool(url.origin, {
      connect: connector.connect,
      keepAliveTimeout: FREE_SOCKET_TIMEOUT_MS,
      // Every call has a whole-exchange deadline of its own (Exchange's timer); undici's
      // per-phase inactivity timers would only duplicate it.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    this.#path = url.pathname + url.search;
  }

  /** undici's socket errors never quote the request, so `secrets` is not needed here. */
  post(body: string, signal: AbortSignal | undefined, timeoutMs: number): Promise<RawResponse> {
    if (this.#closed) return Promise.reject(closedClientError());
    return new Promise<RawResponse>((resolve, reject) => {
      // dispatch() reports its own failures (a destroyed pool included) through the handler.
      this.#pool.dispatch(
        { path: this.#path, method: 'POST', headers: HEADERS, body },
        new Exchange(signal, timeoutMs, resolve, reject),
      );
    });
  }

  /** Destroys every socket of the pool, idle or busy; in-flight and later calls fail with ERR_TOP_CLIENT_CLOSED. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    void this.#pool.destroy();
    this.#closeConnector();
  }
}

/** One request driven to exactly one outcome; any failure aborts it, which destroys its socket. */
class Exchange implements Dispatcher.DispatchHandler {
  readonly #signal: AbortSignal | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #resolve: (value: RawResponse) => void;
  readonly #reject: (reason: Error) => void;
  #controller: Dispatcher.DispatchController | undefined;
  /** Why the exchange failed, kept for a request that reaches a socket only afterwards. */
  #failure: Error | undefined;
  #settled = false;
  #status = 0;
  #contentType = '';
  #size = 0;
  readonly #chunks: Buffer[] = [];

  constructor(
    signal: AbortSignal | undefined,
    timeoutMs: number,
    resolve: (value: RawResponse) => void,
    reject: (reason: Error) => void,
  ) {
    this.#signal = signal;
    this.#resolve = resolve;
    this.#reject = reject;
    this.#timer = setTimeout(onTimeout, timeoutMs, this, timeoutMs);
    // `this` is an EventListener object (handleEvent): no closure per call.
    signal?.addEventListener('abort', this, { once: true });
  }

  /** The caller's AbortSignal fired. */
  handleEvent(): void {
    this.fail(new TopAbortError());
  }

  fail(err: Error): void {
    if (this.#settled) return;
    this.#finish();
    this.#failure = err;
    // Really stop: aborting destroys the socket (it leaves the keep-alive pool), not just ignores it.
    // undici answers with onResponseError, which finds the exchange settled.
    this.#controller?.abort(err);
    this.#reject(err);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // Timed out or aborted while still queued or connecting: stop before a byte is written.
    if (this.#failure !== undefined) controller.abort(this.#failure);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200) return; // 1xx informational; the final answer follows
    this.#status = statusCode;
    const type = headers['content-type'];
    this.#contentType = typeof type === 'string' ? type.toLowerCase() : '';
    if (Number(headers['content-length']) > MAX_RESPONSE_BYTES) this.fail(oversizedError());
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#settled) return;
    this.#size += chunk.length;
    if (this.#size > MAX_RESPONSE_BYTES) this.fail(oversizedError());
    else this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.#settled) return;
    this.#finish();
    const chunks = this.#chunks;
    const buffer = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, this.#size);
    this.#resolve({ status: this.#status, contentType: this.#contentType, text: buffer.toString('utf8') });
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    // UND_ERR_DESTROYED: close() destroyed the pool under this call.
    this.fail(
      (err as { code?: unknown }).code === 'UND_ERR_DESTROYED' ? closedClientError() : toTransportError(err),
    );
  }

  #finish(): void {
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#signal?.removeEventListener('abort', this);
  }
}

function onTimeout(exchange: Exchange, timeoutMs: number): void {
  exchange.fail(new TopTimeoutError(timeoutMs));
}
