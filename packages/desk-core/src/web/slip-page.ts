import type { IncomingMessage, ServerResponse } from 'node:http';
import { BRIDGE_TOKEN_HEADER } from '@balance-desk/contract/web-bridge';
import type { Desk } from '../desk/desk';
import type { BridgeToken } from './bridge-auth';
import { send } from './http-reply';

/** `GET /slip`: the slip shows a card (masked) and balances, so it needs the same token as IPC, in the header or the query. */
export function handleSlip(
  ctx: { desk: Desk; token: BridgeToken },
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
  const given = req.headers[BRIDGE_TOKEN_HEADER] ?? query.get('token') ?? undefined;
  if (!ctx.token.matches(given)) return send(res, 401, 'text/plain; charset=utf-8', 'bridge token needed');
  const page = slipPage(ctx.desk, query);
  send(res, page.status, page.contentType, page.body);
}

/**
 * `GET /slip?token=…[&width=58|80]` in the web preview (docs/WEB-PREVIEW.md): the HTML slip of the
 * result on the cashier page now, as a system printer would get it, so Chromium can show it and
 * e2e can render it to PDF. The token may also come in the bridge's header.
 */
function slipPage(desk: Desk, query: URLSearchParams): { status: number; contentType: string; body: string } {
  const width = query.get('width');
  if (width !== null && width !== '58' && width !== '80')
    return { status: 400, contentType: 'text/plain; charset=utf-8', body: 'width must be 58 or 80' };
  const preview = desk.slipPreview(width === null ? undefined : (Number(width) as 58 | 80));
  if (preview.kind !== 'slip')
    return {
      status: 404,
      contentType: 'text/plain; charset=utf-8',
      body:
        preview.reason === 'nothing-to-print'
          ? 'the result on screen has nothing to print'
          : 'no result on screen: look a card up on the cashier page first',
    };
  return { status: 200, contentType: 'text/html; charset=utf-8', body: preview.html };
}
