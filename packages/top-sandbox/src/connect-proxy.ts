/**
 * A small HTTP CONNECT proxy on 127.0.0.1, like the one a store network puts between a terminal and
 * the internet: it tunnels bytes (TLS stays end to end), may demand Basic credentials (407), and
 * resolves host names itself, so a test can name a gateway that only the proxy can reach.
 * Test and tooling code only: never imported by the sandbox server or the app.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ConnectProxyOptions {
  /** Demand these Basic credentials (answer 407 without them). */
  auth?: { username: string; password: string } | undefined;
  /** Host names the proxy resolves itself (`gateway.test` → `127.0.0.1`); others are connected as given. */
  hosts?: Readonly<Record<string, string>>;
  /** Speak TLS to clients (an `https://` proxy) with this certificate and key. */
  tls?: { cert: string; key: string } | undefined;
}

interface ConnectRecord {
  /** `host:port` as asked. */
  authority: string;
  /** The status the proxy answered. */
  status: number;
}

export interface RunningConnectProxy {
  /** `http://127.0.0.1:<port>` (`https://` with `tls`) */
  url: string;
  port: number;
  /** Every CONNECT received, in order. */
  connects: ConnectRecord[];
  close(): Promise<void>;
}

function authorized(req: IncomingMessage, auth: ConnectProxyOptions['auth']): boolean {
  if (auth === undefined) return true;
  const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
  return req.headers['proxy-authorization'] === expected;
}

function splitAuthority(authority: string): { host: string; port: number } | undefined {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(authority);
  if (!match) return undefined;
  return { host: match[1] as string, port: Number(match[2]) };
}

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<RunningConnectProxy> {
  const connects: ConnectRecord[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  // Only tunnels: a plain request through this proxy is a test mistake.
  const refuse = (_req: IncomingMessage, res: ServerResponse): void =>
    void res.writeHead(405, { allow: 'CONNECT' }).end();
  const server = options.tls ? createTlsServer(options.tls, refuse) : createServer(refuse);
  server.on('connection', track);
  server.on('tlsClientError', () => undefined);
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const authority = req.url ?? '';
    const answer = (status: number, text: string, extra = ''): void => {
      connects.push({ authority, status });
      client.end(`HTTP/1.1 ${status} ${text}\r\n${extra}Content-Length: 0\r\n\r\n`);
    };
    if (!authorized(req, options.auth)) {
      answer(407, 'Proxy Authentication Required', 'Proxy-Authenticate: Basic realm="store"\r\n');
      return;
    }
    const target = splitAuthority(authority);
    if (!target) {
      answer(400, 'Bad Request');
      return;
    }
    const upstream = connect({ host: options.hosts?.[target.host] ?? target.host, port: target.port });
    track(upstream);
    upstream.once('error', () => answer(502, 'Bad Gateway'));
    upstream.once('connect', () => {
      upstream.removeAllListeners('error');
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      connects.push({ authority, status: 200 });
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
