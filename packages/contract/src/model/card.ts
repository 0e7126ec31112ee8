/**
 * Card ids as people type, scan and read them. One copy of each rule: recharge (the server-side
 * authority) and the renderer (what it sends, what it shows) both call these.
 */

/**
 * Folds full-width ASCII (U+FF01–U+FF5E, what a Chinese IME in full-width mode types: `１１１９５`,
 * `Ａ`, `－`) and the ideographic space to ASCII. Deliberately narrower than NFKC, which would also
 * turn `①`, `²` or `Ⅻ` into digits and letters that no scanner or cashier meant.
 */
export function foldFullWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/*
 * Invisible characters that ride along at the ends of pasted or scanned text: zero-width space,
 * joiners, word joiner and the BOM. String#trim already covers ASCII and Unicode spaces,
 * U+3000 (ideographic space), NBSP, and the CR/LF/Tab terminators scanners send.
 */
const EDGE_JUNK = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;

export function trimEdges(text: string): string {
  return text.replace(EDGE_JUNK, '');
}

/**
 * Card numbers as they are printed and read aloud: digit groups with spaces or dashes between
 * them (`1119 5000 0052 4001 25`, `1119-5000-0052-4001-25`).
 *
 * Only an id made entirely of digits and those separators is joined: the CRM's card ids are
 * digits, so a space or dash between digit groups is only print formatting. An id with letters
 * keeps its dashes (other card ranges use `A-Z`, `-`, `_`), and anything else is left for the
 * validator to refuse with a message naming what to remove.
 */
const GROUPED_DIGITS = /^[0-9]+(?:[ \u00A0\u3000\-\u2010-\u2015\u2212\uFF0D]+[0-9]+)+$/;
const SEPARATORS = /[ \u00A0\u3000\-\u2010-\u2015\u2212\uFF0D]+/g;

/** `1119 5000-0052` → `111950000052`; any other text comes back unchanged. */
export function joinCardDigitGroups(text: string): string {
  return GROUPED_DIGITS.test(text) ? text.replace(SEPARATORS, '') : text;
}

/**
 * What a cashier typed, pasted or scanned, as it is sent and looked up: full-width folded, edges
 * trimmed, printed digit groups joined. Validation (which characters a card id may have) is
 * recharge's `normalizeCard`, which starts from this.
 */
export function normalizeCardText(raw: string): string {
  return joinCardDigitGroups(trimEdges(foldFullWidth(raw)));
}

/**
 * A card on the cashier's screen: its last four characters only, since the customer behind may be
 * reading (`•••• 0125`; a card of four or fewer shows its last two).
 */
export function maskCardForScreen(cardId: string): string {
  const tail = cardId.length > 4 ? cardId.slice(-4) : cardId.slice(-Math.min(2, cardId.length));
  return `•••• ${tail}`;
}

/**
 * A card in logs and the journal: first four and last four (`1119…0125`), enough for support to
 * tell cards apart. Always contains `…`, which the journal uses to tell masked text from raw.
 */
export function maskCardForLog(cardId: string): string {
  if (cardId.length <= 8) return cardId.length <= 4 ? '…' + cardId.slice(-2) : '…' + cardId.slice(-4);
  return `${cardId.slice(0, 4)}…${cardId.slice(-4)}`;
}
