import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { IpcFailure, IpcReply } from '@balance-desk/contract';
import {
  BRIDGE_CLIENT_PATH,
  BRIDGE_IPC_PREFIX,
  BRIDGE_TOKEN_HEADER,
  CUSTOMER_CLIENT_PATH,
  CUSTOMER_VIEW_PATH,
} from '@balance-desk/contract/web-bridge';
import type { Desk } from '../desk/desk';
import { dispatchIpc } from '../desk/dispatch';
import {
  BRIDGE_SCRIPT_TAG,
  CLIENT_NOT_BUILT_SCRIPT,
  CUSTOMER_CLIENT_NOT_BUILT_SCRIPT,
  RENDERER_NOT_BUILT_HTML,
  rewriteIndexHtml,
} from './index-html';
import { contentTypeOf, resolveStaticFile } from './static-files';
import { slipPage } from './slip-page';

/** An IPC request is a few hundred bytes; a settings patch a few KiB. */
const MAX_BODY_BYTES = 64 * 1024;
/** A browser on 127.0.0.1 sends its headers and a few KiB of body at once; a client that trickles them holds a connection for nothing. */
export const HEADERS_TIMEOUT_MS = 5_000;
export const BODY_TIMEOUT_MS = 5_000;
/** A waiting customer poll is answered with the current view after this long, and asked again at once. */
const CUSTOMER_POLL_MS = 20_000;

export interface WebBridgeOptions {
  desk: Desk;
  /** 0 (default) = any free port. */
  port?: number;
  /** The built renderer (`out/renderer`); without it a small "not built" page is served. */
  staticDir?: string;
  /**
   * The built browser client (`out/web-preview/bridge-client.js`, apps/desktop/src/web-preview),
   * served at `/__bridge.js`; without it that script only says, in the console, that it is not built.
   */
  clientFile?: string;
  /**
   * The built customer client (`out/web-preview/customer-client.js`, apps/desktop/src/web-preview),
   * served at `/__customer-bridge.js` for `/customer`; without it that script only says, in the
   * console, that it is not built.
   */
  customerClientFile?: string;
  /** Loopback only. */
  host?: '127.0.0.1';
  /** Tests: shorter limits than HEADERS_TIMEOUT_MS / BODY_TIMEOUT_MS. */
  timeouts?: { headersMs: number; bodyMs: number };
}

export interface WebBridge {
  /** `http://127.0.0.1:<port>/#token=<token>` — what to open in a browser. */
  url: string;
  /** `http://127.0.0.1:<port>/customer#token=<token>` — the customer-facing view. */
  customerUrl: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function sendReply(res: ServerResponse, status: number, reply: IpcReply<unknown>): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(reply));
}

function refuse(res: ServerResponse, status: number, code: IpcFailure['code'], message: string): void {
  sendReply(res, status, { ok: false, error: { code, message } });
}

/** DNS-rebinding defence: a page on evil.example resolved to 127.0.0.1 still sends `Host: evil.example`. */
function isLoopbackHostHeader(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function sameToken(given: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string' || given === '') return false;
  // Digests first: timingSafeEqual needs equal lengths, and the length must not leak either.
  return timingSafeEqual(createHash('sha256').update(given).digest(), expected);
}

/** `balance%3Alookup` (the client encodes the colon) → `balance:lookup`; junk stays junk and fails dispatch. */
function decodeChannel(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

function readBody(req: IncomingMessage, timeoutMs: number): Promise<Buffer | 'too-large' | 'too-slow'> {
  if (Number(req.headers['content-length'] ?? '0') > MAX_BODY_BYTES) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // The whole body within the limit, however it is sliced: a byte a second must not keep the request open.
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      req.pause();
      resolve('too-slow');
    }, timeoutMs);
    req.once('close', () => clearTimeout(timer));
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop buffering at once; the 413 goes out with `connection: close`, which ends the socket.
        settled = true;
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
  });
}

/**
 * The web preview's bridge (docs/WEB-PREVIEW.md): the same contract as Electron IPC,
 * over HTTP on 127.0.0.1 only, for `pnpm demo:web` and the Playwright e2e. Every IPC call needs the
 * random per-run token; foreign origins and non-loopback Host headers are refused.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const { desk } = options;
  const host = options.host ?? '127.0.0.1';
  const token = randomBytes(32).toString('hex');
  const tokenDigest = createHash('sha256').update(token).digest();
  const clientFile = options.clientFile ? path.resolve(options.clientFile) : undefined;
  const customerClientFile = options.customerClientFile
    ? path.resolve(options.customerClientFile)
    : undefined;
  const staticDir = options.staticDir ? path.resolve(options.staticDir) : undefined;
  let port = 0;
  const sockets = new Set<Socket>();
  const timeouts = options.timeouts ?? { headersMs: HEADERS_TIMEOUT_MS, bodyMs: BODY_TIMEOUT_MS };

  async function indexHtml(): Promise<string> {
    // Read per request: a rebuild of the renderer shows up on reload.
    const html = staticDir
      ? await fs.readFile(path.join(staticDir, 'index.html'), 'utf8').catch(() => undefined)
      : undefined;
    return rewriteIndexHtml(html ?? RENDERER_NOT_BUILT_HTML);
  }

  /** A built client, read per request too (a rebuilt client shows up on reload), or `notBuilt`. */
  async function clientScript(file: string | undefined, notBuilt: string): Promise<string> {
    const script = file ? await fs.readFile(file, 'utf8').catch(() => undefined) : undefined;
    return script ?? notBuilt;
  }

  /** The customer page: the built `customer.html` with the customer client instead of the cashier's bridge. */
  async function customerHtml(): Promise<string> {
    const html = staticDir
      ? await fs.readFile(path.join(staticDir, 'customer.html'), 'utf8').catch(() => undefined)
      : undefined;
    return rewriteIndexHtml(html ?? RENDERER_NOT_BUILT_HTML).replace(
      BRIDGE_SCRIPT_TAG,
      `<script src="${CUSTOMER_CLIENT_PATH}"></script>`,
    );
  }

  /** Long-poll: the view after `?after=<seq>`, or the current one after CUSTOMER_POLL_MS. */
  async function handleCustomerView(req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    if (req.method !== 'GET') return refuse(res, 405, 'invalid-request', 'use GET');
    if (!sameToken(req.headers[BRIDGE_TOKEN_HEADER], tokenDigest))
      return refuse(res, 401, 'forbidden', 'missing or wrong bridge token');
    const after = Number(new URL(url, 'http://127.0.0.1').searchParams.get('after') ?? '-1');
    const update = await desk.customerView.next(Number.isInteger(after) ? after : -1, CUSTOMER_POLL_MS);
    if (!res.destroyed) send(res, 200, 'application/json; charset=utf-8', JSON.stringify(update));
  }

  async function handleIpc(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return refuse(res, 405, 'invalid-request', 'use POST');
    }
    const given = req.headers[BRIDGE_TOKEN_HEADER];
    // Said apart for support: no token at all is a page opened from a copied address (the page
    // strips the fragment), a wrong one is an address from an earlier run.
    if (typeof given !== 'string' || given === '')
      return refuse(res, 401, 'forbidden', 'missing bridge token: open the URL demo:web printed');
    if (!sameToken(given, tokenDigest))
      return refuse(res, 401, 'forbidden', 'wrong bridge token: open the URL this demo:web run printed');
    const body = await readBody(req, timeouts.bodyMs);
    if (body === 'too-slow') {
      res.setHeader('connection', 'close');
      return refuse(res, 408, 'invalid-request', `request body not received within ${timeouts.bodyMs} ms`);
    }
    if (body === 'too-large') {
      res.setHeader('connection', 'close');
      return refuse(res, 413, 'invalid-request', `request body larger than ${MAX_BODY_BYTES} bytes`);
    }
    let payload: unknown;
    try {
      payload = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch {
      return refuse(res, 400, 'invalid-request', 'request body is not JSON');
    }
    sendReply(res, 200, await dispatchIpc(desk, channel, payload));
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
    if (pathname === BRIDGE_CLIENT_PATH)
      return send(
        res,
        200,
        'text/javascript; charset=utf-8',
        await clientScript(clientFile, CLIENT_NOT_BUILT_SCRIPT),
      );
    if (pathname === CUSTOMER_CLIENT_PATH)
      return send(
        res,
        200,
        'text/javascript; charset=utf-8',
        await clientScript(customerClientFile, CUSTOMER_CLIENT_NOT_BUILT_SCRIPT),
      );
    if (pathname === '/customer' || pathname === '/customer.html')
      return send(res, 200, 'text/html; charset=utf-8', await customerHtml());
    if (pathname === '/' || pathname === '/index.html')
      return send(res, 200, 'text/html; charset=utf-8', await indexHtml());
    const file = staticDir ? await resolveStaticFile(staticDir, pathname) : undefined;
    if (!file && pathname === '/favicon.ico') {
      // Browsers ask for it unprompted; an empty answer keeps the console clean.
      res.writeHead(204, SECURITY_HEADERS);
      return void res.end();
    }
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'not found');
    send(res, 200, contentTypeOf(file), await fs.readFile(file));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHostHeader(req.headers.host, port)) return refuse(res, 403, 'forbidden', 'wrong host');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`)
      return refuse(res, 403, 'forbidden', 'foreign origin');
    const pathname = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    if (pathname === CUSTOMER_VIEW_PATH) return handleCustomerView(req, res, req.url ?? '/');
    if (pathname.startsWith(BRIDGE_IPC_PREFIX))
      return handleIpc(req, res, decodeChannel(pathname.slice(BRIDGE_IPC_PREFIX.length)));
    if (pathname === '/slip' && (req.method === 'GET' || req.method === 'HEAD')) {
      // The slip shows a card (masked) and balances: the same token as IPC, in the header or the query.
      const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
      const given = req.headers[BRIDGE_TOKEN_HEADER] ?? query.get('token') ?? undefined;
      if (!sameToken(given, tokenDigest))
        return send(res, 401, 'text/plain; charset=utf-8', 'bridge token needed');
      const page = slipPage(desk, query);
      return send(res, page.status, page.contentType, page.body);
    }
    return handleStatic(req, res, pathname);
  }

  const server = createServer(
    {
      // Node answers 408 and closes when the headers are not complete in time; the body has its own timer.
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.headersMs + timeouts.bodyMs,
      // How often Node checks those limits (default 30 s, far above them).
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, timeouts.headersMs / 2)),
    },
    (req, res) => {
      handle(req, res).catch(() => {
        if (!res.headersSent) refuse(res, 500, 'internal', 'bridge error');
        else res.destroy();
      });
    },
  );
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/#token=${token}`,
    customerUrl: `${origin}/customer#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      })),
  };
}
