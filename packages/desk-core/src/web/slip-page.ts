import type { Desk } from '../desk/desk';

/**
 * `GET /slip?token=…[&width=58|80]` in the web preview (docs/WEB-PREVIEW.md): the HTML slip of the
 * result on the cashier page now, as a system printer would get it, so Chromium can show it and
 * e2e can render it to PDF. The token may also come in the bridge's header.
 */
export function slipPage(
  desk: Desk,
  query: URLSearchParams,
): { status: number; contentType: string; body: string } {
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
