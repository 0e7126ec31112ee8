import { randomBytes } from 'node:crypto';
import type { PaperWidthMm } from './columns';
import type { BalanceSlip } from './slip';

/**
 * The slip as a self-contained HTML document for printers driven by the OS (Electron's
 * `webContents.print`). No external resources and no script; the only style is one `<style>`
 * element carrying a fresh nonce, and the document's own CSP
 * (`default-src 'none'; style-src 'nonce-…'`) allows exactly that element — so it also renders
 * under a window CSP that allows styles by that nonce (or `style-src 'unsafe-inline'`).
 */
export interface SlipHtmlOptions {
  paperWidthMm: PaperWidthMm;
  /** A caller-chosen nonce (base64 characters), e.g. to match a window's CSP; random if absent. */
  nonce?: string;
}

export interface SlipHtml {
  html: string;
  /** The nonce on the `<style>` element and in the document's CSP. */
  nonce: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/**
 * Thermal heads print narrower than the paper: ~48 mm of 58 mm paper, ~72 mm of 80 mm. The body
 * is that wide and centred, so nothing falls into the unprintable edges.
 */
const PRINTABLE_MM: Record<PaperWidthMm, number> = { 58: 48, 80: 72 };

function row(label: string, value: string, className = ''): string {
  return `<div class="row${className === '' ? '' : ` ${className}`}"><span>${esc(label)}</span><span class="v">${esc(value)}</span></div>`;
}

export function renderSlipHtml(slip: BalanceSlip, options: SlipHtmlOptions): SlipHtml {
  const nonce =
    options.nonce !== undefined && /^[A-Za-z0-9+/=_-]{8,128}$/.test(options.nonce)
      ? options.nonce
      : randomBytes(16).toString('base64');
  const paper = options.paperWidthMm;
  const body: string[] = [
    `<h1>${esc(slip.storeName)}</h1>`,
    `<p class="c">${esc(`${slip.shop.label} ${slip.shop.value}`)}</p>`,
    '<hr class="double">',
    `<h2>${esc(slip.title)}</h2>`,
    `<p class="c">${esc(slip.notice)}</p>`,
    '<hr>',
    row(slip.terminal.label, slip.terminal.value),
    row(slip.time.label, slip.time.value),
    row(slip.card.label, slip.card.value),
  ];
  if (slip.cardState !== null) {
    body.push('<section class="account card-state">', '<hr>');
    body.push(row(slip.cardState.label, slip.cardState.text, 'state'));
    body.push(`<p class="note">${esc(slip.cardState.note)}</p>`, '</section>');
  }
  for (const account of slip.accounts) {
    const heading = slip.accounts.length > 1 ? `${slip.accountLabel} ${account.index}` : slip.accountLabel;
    body.push(`<section class="account ${account.state}">`, '<hr>');
    body.push(row(heading, `${slip.stateLabel}: ${account.stateText}`, 'state'));
    if (account.note !== null) body.push(`<p class="note">${esc(account.note)}</p>`);
    body.push(row(account.usableLabel, account.usable.text, 'usable'));
    for (const part of account.parts) {
      body.push(row(part.label, part.amount.text), row(part.totalLabel, part.total.text, 'total'));
    }
    body.push('</section>');
  }
  body.push('<hr class="double">');
  if (slip.reference !== null) body.push(row(slip.reference.label, slip.reference.value, 'ref'));

  const css = `
@page { margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { width: ${paper}mm; padding: 2mm ${(paper - PRINTABLE_MM[paper]) / 2}mm 4mm;
  font: ${paper === 58 ? 11 : 12}px/1.35 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif; }
h1 { font-size: 1.35em; text-align: center; margin: 0 0 1mm; overflow-wrap: anywhere; }
h2 { font-size: 1.2em; text-align: center; margin: 1mm 0 0; letter-spacing: 0.05em; }
p { margin: 0; }
.c { text-align: center; }
hr { border: 0; border-top: 1px dashed #000; margin: 1.5mm 0; }
hr.double { border-top: 3px double #000; }
.row { display: flex; justify-content: space-between; gap: 2mm; }
.row .v { text-align: right; overflow-wrap: anywhere; font-variant-numeric: tabular-nums; }
.usable { font-weight: 700; font-size: 1.15em; margin: 0.5mm 0; }
.total { padding-left: 3mm; }
.state, .note { font-weight: 700; }
.note { text-align: center; border: 1px solid #000; padding: 0.5mm; margin: 1mm 0; }
.deleted .usable .v { text-decoration: line-through; }
.ref { font-size: 0.9em; }
`;
  const html = `<!doctype html>
<html lang="${slip.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'">
<title>${esc(slip.title)}</title>
<style nonce="${nonce}">${css}</style>
</head>
<body>
<main class="slip">
${body.join('\n')}
</main>
</body>
</html>
`;
  return { html, nonce };
}

/**
 * What to evaluate in the hidden print window (`webContents.executeJavaScript`) for the height to
 * pass to `pageSizeMicrons`: the body's laid-out height in CSS pixels, rounded up.
 */
export const SLIP_HEIGHT_EXPRESSION = 'Math.ceil(document.body.getBoundingClientRect().height)';

/** Electron refuses a page side under this (in microns). */
const MIN_PAGE_MICRONS = 353;
/** Paper after the last line, so the auto-cutter does not cut through it (about four text lines). */
const TAIL_MICRONS = 8_000;

/**
 * The explicit `pageSize` for `webContents.print` on roll paper. Without one Electron sends the
 * default (A4) and a thermal printer feeds a whole A4 length of paper. Width is the paper's;
 * height is the slip's rendered height: measured in CSS pixels (`document.body.scrollHeight` or
 * `getBoundingClientRect().height` in the hidden window), and a CSS pixel is 1/96 inch =
 * 25400/96 microns at any screen scale, because print layout uses CSS units, not device pixels.
 * Rounded up so the last line is never clipped, plus a tail for the cutter.
 */
export function pageSizeMicrons(
  paperWidthMm: PaperWidthMm,
  measuredHeightPx: number,
): { width: number; height: number } {
  const px = Number.isFinite(measuredHeightPx) && measuredHeightPx > 0 ? measuredHeightPx : 0;
  const height = Math.ceil((px * 25_400) / 96) + TAIL_MICRONS;
  return { width: paperWidthMm * 1000, height: Math.max(MIN_PAGE_MICRONS, height) };
}
