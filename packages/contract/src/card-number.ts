/**
 * Card numbers as they are printed and read aloud: digit groups with spaces or dashes between
 * them (`1119 5000 0052 4001 25`, `1119-5000-0052-4001-25`). Pure and dependency-free, so the
 * renderer (which may not bundle the contract's validators) and recharge (the server-side
 * authority) apply the very same rule.
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
