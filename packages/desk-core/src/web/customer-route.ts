import type { IncomingMessage, ServerResponse } from 'node:http';
import { BRIDGE_TOKEN_HEADER } from '@balance-desk/contract/web-bridge';
import type { Desk } from '../desk/desk';
import type { BridgeToken } from './bridge-auth';
import { refuse, send } from './http-reply';

/** A waiting customer poll is answered with the current view after this long, and asked again at once. */
const CUSTOMER_POLL_MS = 20_000;

/** The customer view's long-poll: the view after `?after=<seq>`, or the current one after CUSTOMER_POLL_MS. */
export async function handleCustomerView(
  ctx: { desk: Desk; token: BridgeToken },
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET') return refuse(res, 405, 'invalid-request', 'use GET');
  if (!ctx.token.matches(req.headers[BRIDGE_TOKEN_HEADER]))
    return refuse(res, 401, 'forbidden', 'missing or wrong bridge token');
  const after = Number(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('after') ?? '-1');
  const update = await ctx.desk.customerView.next(Number.isInteger(after) ? after : -1, CUSTOMER_POLL_MS);
  if (!res.destroyed) send(res, 200, 'application/json; charset=utf-8', JSON.stringify(update));
}
