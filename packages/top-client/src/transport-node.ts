import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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
 * closing at that very moment (which would surface as a spurious ECONNRESET).
 */
const FREE_SOCKET_TIMEOUT_MS = 4000;

/**
 * Default transport: node:http(s) with one keep-alive Agent per client. About 2.5× the throughput
 * of global fetch on this hardware (TOOLCHAIN.md "Transport speed").
 */
export class NodeHttpTransport implements TopTransport {
  readonly #agent: HttpAgent;
  readonly #request: typeof httpRequest;
  readonly #hostname: string;
  readonly #port: number | undefined;
  readonly #path: string;
  readonly #host: string;
  #closed = false;

  constructor(url: URL) {
    const secure = url.protocol === 'https:';
    const agentOptions = { keepAlive: true, timeout: FREE_SOCKET_TIMEOUT_MS, scheduling: 'lifo' as const };
    this.#agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.#request = secure ? httpsRequest : httpRequest;
    // URL keeps IPv6 brackets in `hostname`; http.request wants the bare address.
    this.#hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    this.#port = url.port === '' ? undefined : Number(url.port);
    this.#path = url.pathname + url.search;
    this.#host = url.host;
  }

  /** Node's own socket errors never quote the request, so `secrets` is not needed here. */
  post(body: string, signal: AbortSignal | undefined, timeoutMs: number): Promise<RawResponse> {
    if (this.#closed) return Promise.reject(closedClientError());
    return new Promise<RawResponse>((resolve, reject) => {
      const req = this.#request({
        agent: this.#agent,
        hostname: this.#hostname,
        port: this.#port,
        path: this.#path,
        method: 'POST',
        // A flat header list goes straight to the wire, skipping per-header validation and the
        // automatic Host header (added here); measurably cheaper per call (bench/client.bench.ts).
        headers: ['host', this.#host, 'content-type', FORM_CONTENT_TYPE, 'content-length', String(Buffer.byteLength(body, 'utf8'))],
      });
      new Exchange(req, signal, timeoutMs, resolve, reject);
      req.end(body, 'utf8');
    });
  }

  /** Destroys every socket of the agent, idle or busy; later calls fail with ERR_TOP_CLIENT_CLOSED. */
  close(): void {
    this.#closed = true;
    this.#agent.destroy();
  }
}

const EXCHANGE = Symbol('top-client exchange');
type Tagged<T> = T & { [EXCHANGE]: Exchange };

/**
 * One request driven to exactly one outcome; any failure destroys the request and its response.
 * The event handlers are shared module-level functions that find their Exchange on the emitter,
 * so a call allocates no closures beyond the Promise executor (the hot path, see the bench).
 */
class Exchange {
  readonly #req: ClientRequest;
  #res: IncomingMessage | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #resolve: (value: RawResponse) => void;
  readonly #reject: (reason: Error) => void;
  #settled = false;
  #size = 0;
  readonly #chunks: Buffer[] = [];

  constructor(
    req: ClientRequest,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    resolve: (value: RawResponse) => void,
    reject: (reason: Error) => void,
  ) {
    this.#req = req;
    this.#signal = signal;
    this.#resolve = resolve;
    this.#reject = reject;
    this.#timer = setTimeout(onTimeout, timeoutMs, this, timeoutMs);
    // `this` is an EventListener object: see handleEvent.
    signal?.addEventListener('abort', this, { once: true });
    (req as Tagged<ClientRequest>)[EXCHANGE] = this;
    req.on('error', onRequestError);
    req.on('response', onResponse);
  }

  /** The caller's AbortSignal fired. */
  handleEvent(): void {
    this.fail(new TopAbortError());
  }

  fail(err: Error): void {
    if (this.#settled) return;
    this.#finish();
    // Really stop: the socket is destroyed (and leaves the keep-alive pool), not just ignored.
    this.#req.destroy();
    this.#res?.destroy();
    this.#reject(err);
  }

  begin(res: IncomingMessage): void {
    this.#res = res;
    if (Number(res.headers['content-length']) > MAX_RESPONSE_BYTES) return this.fail(oversizedError());
    (res as Tagged<IncomingMessage>)[EXCHANGE] = this;
    res.on('data', onData);
    res.on('end', onEnd);
    // Also how a connection cut mid-body surfaces: Node destroys the response with ECONNRESET 'aborted'.
    res.on('error', onResponseError);
  }

  chunk(chunk: Buffer): void {
    this.#size += chunk.length;
    if (this.#size > MAX_RESPONSE_BYTES) this.fail(oversizedError());
    else this.#chunks.push(chunk);
  }

  end(res: IncomingMessage): void {
    if (this.#settled) return;
    this.#finish();
    const chunks = this.#chunks;
    const buffer = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, this.#size);
    this.#resolve({
      status: res.statusCode ?? 0,
      contentType: (res.headers['content-type'] ?? '').toLowerCase(),
      text: buffer.toString('utf8'),
    });
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
function onRequestError(this: Tagged<ClientRequest>, err: Error): void {
  this[EXCHANGE].fail(toTransportError(err));
}
function onResponse(this: Tagged<ClientRequest>, res: IncomingMessage): void {
  this[EXCHANGE].begin(res);
}
function onData(this: Tagged<IncomingMessage>, chunk: Buffer): void {
  this[EXCHANGE].chunk(chunk);
}
function onEnd(this: Tagged<IncomingMessage>): void {
  this[EXCHANGE].end(this);
}
function onResponseError(this: Tagged<IncomingMessage>, err: Error): void {
  this[EXCHANGE].fail(toTransportError(err));
}
