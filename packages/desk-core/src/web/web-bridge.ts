import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { Desk } from '../desk/desk';
import { createBridgeToken } from './bridge-auth';
import { routeRequest, type BridgeRoutes } from './bridge-router';
import { refuse } from './http-reply';

/** A browser on 127.0.0.1 sends its headers and a few KiB of body at once; a client that trickles them holds a connection for nothing. */
export const HEADERS_TIMEOUT_MS = 5_000;
export const BODY_TIMEOUT_MS = 5_000;

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

/**
 * The web preview's bridge (docs/WEB-PREVIEW.md): the same contract as Electron IPC,
 * over HTTP on 127.0.0.1 only, for `pnpm demo:web` and the Playwright e2e. Every IPC call needs the
 * random per-run token; foreign origins and non-loopback Host headers are refused.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const host = options.host ?? '127.0.0.1';
  const token = createBridgeToken();
  const timeouts = options.timeouts ?? { headersMs: HEADERS_TIMEOUT_MS, bodyMs: BODY_TIMEOUT_MS };
  let port = 0;
  const routes: BridgeRoutes = {
    desk: options.desk,
    token,
    bodyTimeoutMs: timeouts.bodyMs,
    staticDir: resolved(options.staticDir),
    clientFile: resolved(options.clientFile),
    customerClientFile: resolved(options.customerClientFile),
    port: () => port,
  };
  const server = createServer(
    {
      // Node answers 408 and closes when the headers are not complete in time; the body has its own timer.
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.headersMs + timeouts.bodyMs,
      // How often Node checks those limits (default 30 s, far above them).
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, timeouts.headersMs / 2)),
    },
    (req, res) => {
      routeRequest(routes, req, res).catch(() => {
        if (!res.headersSent) refuse(res, 500, 'internal', 'bridge error');
        else res.destroy();
      });
    },
  );
  const close = closerOf(server);
  port = await listen(server, options.port ?? 0, host);
  const origin = `http://${host}:${port}`;
  return {
    url: `${origin}/#token=${token.value}`,
    customerUrl: `${origin}/customer#token=${token.value}`,
    origin,
    port,
    token: token.value,
    close,
  };
}

function resolved(file: string | undefined): string | undefined {
  return file ? path.resolve(file) : undefined;
}

/** Listens on `host`; the port it got (`port` 0 = any free one). */
async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Closes the server and every connection still open (a waiting customer poll among them), once however often called. */
function closerOf(server: Server): () => Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let closing: Promise<void> | undefined;
  return () =>
    (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    }));
}
