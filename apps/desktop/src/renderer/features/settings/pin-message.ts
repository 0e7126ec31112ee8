import type { Dictionary } from '../../i18n';
import type { PinMessage } from './settings-store';

/** The PIN dialogs' one line of feedback; `now` drives the lockout countdown. */
export function pinMessageText(t: Dictionary, message: PinMessage | null, now: number): string | null {
  if (!message) return null;
  switch (message.kind) {
    case 'wrong':
      return t.pin.wrong(message.attemptsLeft);
    case 'locked':
      return t.pin.locked(Math.max(0, Math.ceil((message.until - now) / 1000)));
    case 'not-set':
      return t.pin.notSet;
    case 'mismatch':
      return t.pin.mismatch;
    case 'weak':
      return t.pin.weak;
    case 'format':
      return t.pin.format;
    case 'failed':
      return t.pin.failed;
    case 'unauthorized':
      return t.settings.unauthorized;
    case 'pin-set':
      return t.pin.pinSet;
    case 'already-set':
      return t.pin.alreadySet;
  }
}
