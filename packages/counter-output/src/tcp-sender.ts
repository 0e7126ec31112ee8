import net from 'node:net';

/**
 * Sends a job to a network receipt printer: the raw "port 9100" protocol is a plain TCP stream
 * (connect, write, close). Never throws; every failure is a typed value the app turns into a
 * cashier sentence.
 */
export interface NetworkPrinterTarget {
  host: string;
  port: number;
  /** From starting the connection to the printer accepting it. */
  connectTimeoutMs: number;
  /** From connected to every byte handed to the operating system, and the stream closed. */
  writeTimeoutMs: number;
  signal?: AbortSignal;
}

type PrintFailureKind =
  /** No route, no such host, or the connection dropped mid-job. */
  | 'unreachable'
  /** Something answered and refused the connection: wrong port, or the printer's port is off. */
  | 'refused'
  /** The printer did not answer, or stopped reading, within the time allowed. */
  | 'timeout'
  /** The caller gave up (a newer job, the app closing). */
  | 'aborted'
  /** The host or port cannot be a printer address; nothing was sent. */
  | 'invalid-target';

interface PrintFailure {
  kind: PrintFailureKind;
  /** Which step failed. */
  phase: 'connect' | 'write';
  /** The system error code when there is one (ECONNREFUSED, EHOSTUNREACH…), for support. */
  code: string | undefined;
  /** English detail for logs; the cashier sees a sentence chosen by `kind`. */
  message: string;
}

export type PrintSendResult = { ok: true; bytesSent: number } | { ok: false; failure: PrintFailure };

/** After a complete job, how long to wait for the printer to close its side before closing ours. */
const CLOSE_GRACE_MS = 2_000;

function validTimeout(ms: number): boolean {
  return Number.isInteger(ms) && ms > 0 && ms <= 600_000;
}

export function sendToNetworkPrinter(
  bytes: Uint8Array,
  target: NetworkPrinterTarget,
): Promise<PrintSendResult> {
  const { host, port, connectTimeoutMs, writeTimeoutMs, signal } = target;
  const invalid = (message: string): Promise<PrintSendResult> =>
    Promise.resolve({
      ok: false,
      failure: { kind: 'invalid-target', phase: 'connect', code: undefined, message },
    });
  if (typeof host !== 'string' || host.trim() === '' || host.length > 253) return invalid('no printer host');
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    return invalid(`port ${String(port)} is not 1-65535`);
  if (!validTimeout(connectTimeoutMs) || !validTimeout(writeTimeoutMs))
    return invalid('timeouts must be whole milliseconds from 1 to 600000');
  if (signal?.aborted)
    return Promise.resolve({
      ok: false,
      failure: { kind: 'aborted', phase: 'connect', code: undefined, message: 'aborted before connecting' },
    });

  return new Promise((resolve) => {
    let phase: PrintFailure['phase'] = 'connect';
    let settled = false;
    const socket = net.createConnection({ host: host.trim(), port });
    let timer = setTimeout(
      () => fail('timeout', undefined, `no connection to ${host}:${port} within ${connectTimeoutMs} ms`),
      connectTimeoutMs,
    );

    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    function fail(kind: PrintFailureKind, code: string | undefined, message: string): void {
      if (settled) return;
      settled = true;
      cleanup();
      socket.destroy();
      resolve({ ok: false, failure: { kind, phase, code, message } });
    }
    function onAbort(): void {
      fail('aborted', undefined, `aborted while ${phase === 'connect' ? 'connecting' : 'sending'}`);
    }
    signal?.addEventListener('abort', onAbort, { once: true });

    socket.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code;
      if (code === 'ECONNREFUSED') fail('refused', code, `${host}:${port} refused the connection`);
      else if (code === 'ETIMEDOUT') fail('timeout', code, error.message);
      // Anything else — no route (EHOSTUNREACH), no such host (ENOTFOUND), dropped mid-job
      // (ECONNRESET, EPIPE) — means the printer cannot be reached right now.
      else fail('unreachable', code, error.message);
    });
    // Printers may answer with status bytes; read and drop them so they never stall the socket.
    socket.on('data', () => undefined);

    socket.once('connect', () => {
      if (settled) return;
      phase = 'write';
      clearTimeout(timer);
      timer = setTimeout(
        () => fail('timeout', undefined, `${host}:${port} did not take the job within ${writeTimeoutMs} ms`),
        writeTimeoutMs,
      );
      // 'finish' fires once every byte is handed to the OS and our side is shut (FIN sent).
      socket.end(bytes, () => {
        if (settled) return;
        settled = true;
        cleanup();
        resolve({ ok: true, bytesSent: bytes.byteLength });
        // Closing at once could reset a printer that is still sending status; give it time to close first.
        const grace = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
        grace.unref();
        socket.once('close', () => clearTimeout(grace));
      });
    });
  });
}
