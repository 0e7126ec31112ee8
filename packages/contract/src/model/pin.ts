/**
 * The manager PIN's format: 4 to 12 ASCII digits. The IPC edge refuses anything else, desk-core
 * checks it again before hashing, and the set-PIN dialog says so before sending. (How guessable a
 * well-formed PIN is, desk-core alone decides: it answers `weak-pin`.)
 */
const PIN_MIN_DIGITS = 4;
export const PIN_MAX_DIGITS = 12;
export const PIN_PATTERN = new RegExp(`^[0-9]{${PIN_MIN_DIGITS},${PIN_MAX_DIGITS}}$`);

export function isPinFormat(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}
