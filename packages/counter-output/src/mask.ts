/**
 * The card on a slip or the customer display: its last four characters only, never more than half
 * of it (a short test card must not print whole). The contract's `maskCardForLog` keeps the first four
 * as well, which is right for logs but more than paper that leaves the shop should carry.
 */
export function maskCardLast4(cardId: string): string {
  const clean = cardId.trim();
  const visible = Math.min(4, Math.floor(clean.length / 2));
  return `****${visible === 0 ? '' : clean.slice(-visible)}`;
}

/**
 * Removes control characters (C0, DEL, C1) and line breaks from text that reaches the printer or
 * the page: a store name with ESC or GS in it would otherwise be a printer command (a cut, a
 * code-page switch) in the middle of the slip.
 */
export function printable(text: string): string {
  return withoutControls(text).replace(/ {2,}/g, ' ').trim();
}

/** Each control character as one space, so a padded line keeps its width. */
export function withoutControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}
