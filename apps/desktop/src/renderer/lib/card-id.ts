/**
 * Folds full-width ASCII (U+FF01–U+FF5E, what an IME in full-width mode types: `１２３`) and the
 * ideographic space to ASCII, as desk-core's card normalisation does, so the id the renderer sends
 * is the id the outcome comes back with.
 */
export function foldFullWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** What a cashier typed or pasted, as it will be sent: full-width folded, trimmed. */
export function normalizeCardInput(raw: string): string {
  return foldFullWidth(raw).trim();
}

/** On screen a card shows only its last four characters: the customer behind may be reading. */
export function maskCardId(cardId: string): string {
  const tail = cardId.length > 4 ? cardId.slice(-4) : cardId.slice(-Math.min(2, cardId.length));
  return `•••• ${tail}`;
}
