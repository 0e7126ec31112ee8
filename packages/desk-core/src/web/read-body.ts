import type { IncomingMessage } from 'node:http';

/** An IPC request is a few hundred bytes; a settings patch a few KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The whole request body, or why it was given up on: over MAX_BODY_BYTES, or not all there within `timeoutMs`. */
export function readBody(
  req: IncomingMessage,
  timeoutMs: number,
): Promise<Buffer | 'too-large' | 'too-slow'> {
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
