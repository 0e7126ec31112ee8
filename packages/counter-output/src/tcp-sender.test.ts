import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendToNetworkPrinter, type NetworkPrinterTarget } from './tcp-sender';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(
  onConnection: (socket: net.Socket) => void,
  options: net.ServerOpts = {},
): Promise<number> {
  const server = net.createServer(options, onConnection);
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return (server.address() as net.AddressInfo).port;
}

function target(port: number, overrides: Partial<NetworkPrinterTarget> = {}): NetworkPrinterTarget {
  return { host: '127.0.0.1', port, connectTimeoutMs: 5_000, writeTimeoutMs: 5_000, ...overrides };
}

describe('sendToNetworkPrinter', () => {
  it('delivers every byte, whole and in order, then closes', async () => {
    const payload = new Uint8Array(randomBytes(1_500_000)); // many TCP segments
    let received!: Promise<Buffer>;
    const port = await listen((socket) => {
      received = new Promise((resolve) => {
        const chunks: Buffer[] = [];
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.on('end', () => resolve(Buffer.concat(chunks)));
      });
    });
    const result = await sendToNetworkPrinter(payload, target(port));
    expect(result).toEqual({ ok: true, bytesSent: payload.byteLength });
    expect((await received).equals(Buffer.from(payload))).toBe(true);
  });

  it('reports a refused connection', async () => {
    // A port that was just free: listen on any port, then close it again.
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await sendToNetworkPrinter(new Uint8Array([0x1b, 0x40]), target(port));
    expect(result).toMatchObject({
      ok: false,
      failure: { kind: 'refused', phase: 'connect', code: 'ECONNREFUSED' },
    });
  });

  it('times out writing to a printer that stops reading', async () => {
    // pauseOnConnect: the listener accepts and never reads, like a printer whose buffer is full
    // (out of paper). The job is bigger than the loopback socket buffers, so the write stalls.
    const port = await listen(() => undefined, { pauseOnConnect: true });
    const result = await sendToNetworkPrinter(
      new Uint8Array(32 * 1024 * 1024),
      target(port, { writeTimeoutMs: 300 }),
    );
    expect(result).toMatchObject({ ok: false, failure: { kind: 'timeout', phase: 'write' } });
  });

  it('times out connecting to a printer that never answers', async () => {
    // A listener whose accept queue is full drops new SYNs, so a connect to it hangs as it does to a
    // powered-off printer. The listener is a child process stopped with SIGSTOP, so nothing
    // accepts; backlog 1 holds two connections and the third one hangs. Only 127.0.0.1 is used.
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '-e',
        "const s=require('net').createServer();s.listen({host:'127.0.0.1',port:0,backlog:1},()=>console.log(s.address().port))",
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanups.push(() => {
      child.kill('SIGKILL');
    });
    const port = await new Promise<number>((resolve) =>
      child.stdout?.once('data', (d: Buffer) => resolve(Number(d))),
    );
    child.kill('SIGSTOP');
    for (let i = 0; i < 2; i += 1) {
      const filler = net.createConnection({ host: '127.0.0.1', port });
      cleanups.push(() => {
        filler.destroy();
      });
      await new Promise((resolve) => filler.once('connect', resolve));
    }
    const result = await sendToNetworkPrinter(
      new Uint8Array([0x1b, 0x40]),
      target(port, { connectTimeoutMs: 300 }),
    );
    expect(result).toMatchObject({ ok: false, failure: { kind: 'timeout', phase: 'connect' } });
  });

  it('reports a connection dropped mid-job as unreachable', async () => {
    const port = await listen((socket) => socket.resetAndDestroy());
    const result = await sendToNetworkPrinter(new Uint8Array(32 * 1024 * 1024), target(port));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure.kind).toBe('unreachable');
      expect(['ECONNRESET', 'EPIPE']).toContain(result.failure.code);
    }
  });

  it('stops when aborted', async () => {
    const port = await listen(() => undefined, { pauseOnConnect: true });
    const controller = new AbortController();
    const sending = sendToNetworkPrinter(
      new Uint8Array(32 * 1024 * 1024),
      target(port, { signal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 50);
    expect(await sending).toMatchObject({ ok: false, failure: { kind: 'aborted' } });
    const aborted = AbortSignal.abort();
    expect(await sendToNetworkPrinter(new Uint8Array(1), target(port, { signal: aborted }))).toMatchObject({
      ok: false,
      failure: { kind: 'aborted', phase: 'connect' },
    });
  });

  it('refuses an address that cannot be a printer, without sending anything', async () => {
    for (const bad of [
      { host: '' },
      { host: '   ' },
      { port: 0 },
      { port: 70_000 },
      { port: 9100.5 },
      { connectTimeoutMs: 0 },
      { writeTimeoutMs: Number.NaN },
    ]) {
      const result = await sendToNetworkPrinter(new Uint8Array(1), { ...target(9100), ...bad });
      expect(result, JSON.stringify(bad)).toMatchObject({ ok: false, failure: { kind: 'invalid-target' } });
    }
  });
});
