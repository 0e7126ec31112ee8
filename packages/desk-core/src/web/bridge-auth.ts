import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The random per-run token every IPC call, customer poll and slip must carry. */
export interface BridgeToken {
  value: string;
  matches(given: string | string[] | undefined): boolean;
}

export function createBridgeToken(): BridgeToken {
  const value = randomBytes(32).toString('hex');
  const expected = createHash('sha256').update(value).digest();
  return {
    value,
    matches: (given) => {
      if (typeof given !== 'string' || given === '') return false;
      // Digests first: timingSafeEqual needs equal lengths, and the length must not leak either.
      return timingSafeEqual(createHash('sha256').update(given).digest(), expected);
    },
  };
}

/**
 * Why a request is refused before any route sees it, or undefined. DNS-rebinding defence: a page
 * on evil.example resolved to 127.0.0.1 still sends `Host: evil.example`; a page on another origin
 * that reaches the port sends its own `Origin`.
 */
export function refusedOrigin(
  req: IncomingMessage,
  port: number,
): 'wrong host' | 'foreign origin' | undefined {
  const host = req.headers.host;
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return 'wrong host';
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return 'foreign origin';
  return undefined;
}
