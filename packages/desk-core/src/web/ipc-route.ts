import type { IncomingMessage, ServerResponse } from 'node:http';
import { BRIDGE_TOKEN_HEADER } from '@balance-desk/contract/web-bridge';
import type { Desk } from '../desk/desk';
import { dispatchIpc } from '../desk/dispatch';
import type { BridgeToken } from './bridge-auth';
import { refuse, sendReply } from './http-reply';
import { MAX_BODY_BYTES, readBody } from './read-body';

/** `balance%3Alookup` (the client encodes the colon) → `balance:lookup`; junk stays junk and fails dispatch. */
export function decodeChannel(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

/** `POST /ipc/<channel>`: the token, the JSON body, then `dispatchIpc`, as Electron's IPC would. */
export async function handleIpc(
  ctx: { desk: Desk; token: BridgeToken; bodyTimeoutMs: number },
  req: IncomingMessage,
  res: ServerResponse,
  channel: string,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return refuse(res, 405, 'invalid-request', 'use POST');
  }
  const given = req.headers[BRIDGE_TOKEN_HEADER];
  // Said apart for support: no token at all is a page opened from a copied address (the page
  // strips the fragment), a wrong one is an address from an earlier run.
  if (typeof given !== 'string' || given === '')
    return refuse(res, 401, 'forbidden', 'missing bridge token: open the URL demo:web printed');
  if (!ctx.token.matches(given))
    return refuse(res, 401, 'forbidden', 'wrong bridge token: open the URL this demo:web run printed');
  const body = await readBody(req, ctx.bodyTimeoutMs);
  if (body === 'too-slow') {
    res.setHeader('connection', 'close');
    return refuse(res, 408, 'invalid-request', `request body not received within ${ctx.bodyTimeoutMs} ms`);
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
  sendReply(res, 200, await dispatchIpc(ctx.desk, channel, payload));
}
