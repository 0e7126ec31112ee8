import { afterEach } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

interface ReceivedRequest {
  method: string | undefined;
  contentType: string | undefined;
  body: string;
  params: Record<string, string>;
}

/** A real loopback server for transport tests; it records what it got and watches its sockets. */
export interface TestServer {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** TCP connections accepted so far (keep-alive reuse keeps this at 1). */
  connections(): number;
  /** Sockets still open on the server side. */
  openSockets(): number;
  /** Resolves once every accepted socket has closed. */
  allSocketsClosed(): Promise<void>;
  /** Resolves once every socket that carried a request has closed (the client really tore its request down). */
  requestSocketsClosed(): Promise<void>;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, received: ReceivedRequest) => void;

function wrap(server: Server, handler: Handler, scheme: 'http' | 'https'): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  const waiters: (() => void)[] = [];
  const busy = new Set<Socket>();
  const busyWaiters: (() => void)[] = [];
  server.on(scheme === 'https' ? 'secureConnection' : 'connection', (socket: Socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) waiters.splice(0).forEach((wake) => wake());
    });
  });
  // TLS handshakes that fail never become secure connections; keep them from hanging close().
  server.on('tlsClientError', () => undefined);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    if (!busy.has(socket)) {
      busy.add(socket);
      socket.on('close', () => {
        busy.delete(socket);
        if (busy.size === 0) busyWaiters.splice(0).forEach((wake) => wake());
      });
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const received: ReceivedRequest = {
        method: req.method,
        contentType: req.headers['content-type'],
        body,
        params: Object.fromEntries(new URLSearchParams(body)),
      };
      requests.push(received);
      handler(req, res, received);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `${scheme}://127.0.0.1:${port}/router/rest`,
        port,
        requests,
        connections: () => accepted,
        openSockets: () => sockets.size,
        allSocketsClosed: () =>
          sockets.size === 0 ? Promise.resolve() : new Promise<void>((wake) => waiters.push(wake)),
        requestSocketsClosed: () =>
          busy.size === 0 ? Promise.resolve() : new Promise<void>((wake) => busyWaiters.push(wake)),
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

function startServer(handler: Handler): Promise<TestServer> {
  return wrap(createServer(), handler, 'http');
}

export function startTlsServer(tls: { key: Buffer; cert: Buffer }, handler: Handler): Promise<TestServer> {
  return wrap(createTlsServer(tls), handler, 'https');
}

/** Answers JSON with an explicit content type. */
export function sendJson(res: ServerResponse, value: unknown, status = 200): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * Per-test cleanup for a test file (call once at its top level): servers and clients registered
 * here are closed after each test, newest first.
 */
export function useTestServers(): {
  defer: (cleanup: () => Promise<void> | void) => void;
  serve: (handler: Handler) => Promise<TestServer>;
} {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    defer: (cleanup) => void cleanups.push(cleanup),
    async serve(handler) {
      const server = await startServer(handler);
      cleanups.push(() => server.close());
      return server;
    },
  };
}
