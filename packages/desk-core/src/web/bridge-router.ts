import type { IncomingMessage, ServerResponse } from 'node:http';
import { BRIDGE_IPC_PREFIX, CUSTOMER_VIEW_PATH } from '@balance-desk/contract/web-bridge';
import type { Desk } from '../desk/desk';
import { refusedOrigin, type BridgeToken } from './bridge-auth';
import { handleCustomerView } from './customer-route';
import { refuse } from './http-reply';
import { decodeChannel, handleIpc } from './ipc-route';
import { handleSlip } from './slip-page';
import { handleStatic, type StaticSources } from './static-route';

export interface BridgeRoutes extends StaticSources {
  desk: Desk;
  token: BridgeToken;
  bodyTimeoutMs: number;
  /** The port the bridge listens on, for the Host check (known once it listens). */
  port(): number;
}

/** One request to its route, once Host and Origin say it comes from the bridge's own page. */
export async function routeRequest(
  ctx: BridgeRoutes,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const refused = refusedOrigin(req, ctx.port());
  if (refused) return refuse(res, 403, 'forbidden', refused);
  const pathname = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  if (pathname === CUSTOMER_VIEW_PATH) return handleCustomerView(ctx, req, res);
  if (pathname.startsWith(BRIDGE_IPC_PREFIX))
    return handleIpc(ctx, req, res, decodeChannel(pathname.slice(BRIDGE_IPC_PREFIX.length)));
  if (pathname === '/slip' && (req.method === 'GET' || req.method === 'HEAD'))
    return handleSlip(ctx, req, res);
  return handleStatic(ctx, req, res, pathname);
}
