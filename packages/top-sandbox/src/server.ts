import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Socket } from 'node:net';
import { Catalog } from './catalog';
import { loadSandboxData, parseSandboxData, type SandboxData } from './data';
import { DEFAULT_DATA, DEMO_APP_KEY, DEMO_APP_SECRET, type FaultName } from './demo-data';
import { faultOfCard, faultReply, SEED_LIKE } from './faults';
import { checkRequest, shapeOf, type SandboxApp } from './protocol';
import { CONTENT_TYPE, renderError, type Shape } from './render';

export interface SandboxOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Loopback only. */
  host?: '127.0.0.1';
  /** Default: the demo app. */
  apps?: SandboxApp[];
  /** A data set object or a JSON file path (schema-validated); default: the built-in demo data. */
  data?: SandboxData | string;
  /** Added to every answer. */
  latencyMs?: number;
  /** Default 600 (TOP allows 10 minutes). */
  skewToleranceSeconds?: number;
  /** The gateway's clock. */
  now?: () => Date;
  /** Apply this fault to every otherwise valid request of the recharge method. */
  fault?: FaultName | undefined;
  /** Latency of the `slow` fault, default 1500. */
  slowMs?: number;
  /** Serve HTTPS with this PEM certificate (chain) and key instead of plain HTTP (store-network tests). */
  tls?: { cert: string | Buffer; key: string | Buffer } | undefined;
}

export interface RunningSandbox {
  /** http://127.0.0.1:<port>/router/rest (https with `tls`) */
  url: string;
  port: number;
  /** Closes the server and destroys open sockets: never hangs, even with a never-ending answer in flight. */
  close(): Promise<void>;
  setLatency(ms: number): void;
  setFault(fault: FaultName | undefined): void;
  /** Requests received so far, on any path. */
  requestCount(): number;
}

const GATEWAY_PATH = '/router/rest';
/** Far above any real request of this API; a bigger body is refused with 413. */
const MAX_BODY_BYTES = 1024 * 1024;

function checkMs(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0`);
  return value;
}

/** Adds `key=value` pairs of a query string / form body; later sources win (the body over the URL). */
function mergeParams(target: Record<string, string>, encoded: string): void {
  if (encoded === '') return;
  for (const [key, value] of new URLSearchParams(encoded)) target[key] = value;
}

async function resolveData(data: SandboxData | string | undefined): Promise<SandboxData> {
  if (data === undefined) return DEFAULT_DATA;
  if (typeof data === 'string') return loadSandboxData(data);
  return parseSandboxData(data);
}

/** Starts a local TOP gateway on 127.0.0.1 (README.md). */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('the sandbox binds 127.0.0.1 only');
  const catalog = new Catalog(await resolveData(options.data));
  const apps = new Map<string, SandboxApp>();
  for (const app of options.apps ?? [{ appKey: DEMO_APP_KEY, appSecret: DEMO_APP_SECRET }]) {
    if (!app.appKey || !app.appSecret)
      throw new Error('every sandbox app needs a non-empty appKey and appSecret');
    apps.set(app.appKey, app);
  }
  const skewMs = checkMs('skewToleranceSeconds', options.skewToleranceSeconds ?? 600) * 1000;
  const slowMs = checkMs('slowMs', options.slowMs ?? 1500);
  const now = options.now;
  let latencyMs = checkMs('latencyMs', options.latencyMs ?? 0);
  let fault = options.fault;
  let received = 0;

  // request_id: a per-sandbox random prefix plus a counter, unique and cheap (TOP ids look like "2swi5veg6778").
  const idPrefix = randomBytes(4).readUInt32BE(0).toString(36).padStart(7, '0');
  let idCounter = 0;
  const nextId = (): string => idPrefix + (++idCounter).toString(36);

  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  function later(delayMs: number, run: () => void): void {
    if (delayMs <= 0) return run();
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, delayMs);
    timers.add(timer);
  }

  function sendError(res: ServerResponse, shape: Shape, error: Parameters<typeof renderError>[0]): void {
    const body = renderError(error, shape, nextId());
    res.writeHead(200, { 'Content-Type': CONTENT_TYPE[shape], 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }

  function answer(req: IncomingMessage, res: ServerResponse, query: string, body: string): void {
    const params = Object.create(null) as Record<string, string>;
    mergeParams(params, query);
    mergeParams(params, body);
    // TOP answers in XML unless told otherwise, including the error for a bad format.
    const shape = shapeOf(params) ?? 'xml';
    const checked = checkRequest(req.method, params, {
      apps,
      nowMs: now ? now().getTime() : Date.now(),
      skewMs,
    });
    if ('error' in checked) {
      const { error } = checked;
      return later(latencyMs, () => sendError(res, shape, error));
    }
    const cardFault = faultOfCard(checked.query.cardId);
    const active = fault ?? cardFault;
    if (active === undefined) {
      const { head, tail } = catalog.lookup(checked.query)[shape];
      const text = head + nextId() + tail;
      return later(latencyMs, () => {
        res.writeHead(200, {
          'Content-Type': CONTENT_TYPE[shape],
          'Content-Length': Buffer.byteLength(text),
        });
        res.end(text);
      });
    }
    // A fault card stands in for the seed; a configured fault degrades the real answer.
    const normal = cardFault === undefined ? catalog.lookup(checked.query) : SEED_LIKE;
    const reply = faultReply(active, { shape, normal, slowMs });
    later(latencyMs + reply.delayMs, () => reply.send(res, nextId()));
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    received += 1;
    req.on('error', () => undefined); // a client reset mid-body is the client's business
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (path !== GATEWAY_PATH) {
      req.resume();
      res.writeHead(404, { 'Content-Type': 'text/plain;charset=UTF-8', 'Content-Length': 9 });
      res.end('Not Found');
      return;
    }
    const query = q === -1 ? '' : url.slice(q + 1);
    const contentType = req.headers['content-type'];
    const isForm =
      contentType === undefined || contentType.toLowerCase().includes('application/x-www-form-urlencoded');
    if (req.method === 'GET' || req.method === 'HEAD' || !isForm) {
      req.resume();
      return answer(req, res, query, '');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413, { 'Content-Type': 'text/plain;charset=UTF-8', Connection: 'close' });
        res.end('Payload Too Large');
        return;
      }
      const body =
        chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
      answer(req, res, query, body);
    });
  }

  // A certificate or key that is not PEM fails here, before anything listens.
  const server = options.tls
    ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createServer(onRequest);
  // A client that refuses our certificate is what the TLS tests provoke; it is not a sandbox fault.
  server.on('tlsClientError', () => undefined);
  server.keepAliveTimeout = 30_000; // longer than clients keep idle sockets, so the client, not the server, closes them
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const message =
        error.code === 'EADDRINUSE'
          ? `port ${options.port ?? 0} is already in use on ${host}`
          : `cannot listen on ${host}:${options.port ?? 0}: ${error.message}`;
      reject(Object.assign(new Error(message, { cause: error }), { code: error.code }));
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the sandbox has no TCP address');
  const port = address.port;

  let closing: Promise<void> | undefined;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}${GATEWAY_PATH}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
    setLatency(ms) {
      latencyMs = checkMs('latency', ms);
    },
    setFault(next) {
      fault = next;
    },
    requestCount: () => received,
  };
}
