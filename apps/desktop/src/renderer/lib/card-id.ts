import { joinCardDigitGroups } from '@balance-desk/contract/card-number';

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

/**
 * What a cashier typed, pasted or scanned, as it will be sent: full-width folded, trimmed, and
 * digit groups as printed on the card (`1119 5000 0052 4001 25`) joined — recharge's rule, from
 * the contract's dependency-free module.
 */
export function normalizeCardInput(raw: string): string {
  return joinCardDigitGroups(foldFullWidth(raw).trim());
}

/** On screen a card shows only its last four characters: the customer behind may be reading. */
export function maskCardId(cardId: string): string {
  const tail = cardId.length > 4 ? cardId.slice(-4) : cardId.slice(-Math.min(2, cardId.length));
  return `•••• ${tail}`;
}
