import { maskCardForLog } from '@balance-desk/contract';
import { normalizeCardId } from '@balance-desk/recharge';

/** A scanned or typed card id, normalised by recharge's rule, or why it is not one. */
export type CardInput =
  | { ok: true; cardId: string }
  /** `raw` is answered back as the outcome's card id; `masked` is what the journal and logs get. */
  | { ok: false; raw: string; code: string; masked: string };

/** Card text for the journal and logs when the input was not even a valid card id. */
function maskRaw(raw: string): string {
  return maskCardForLog(raw.trim().replace(/[^\x21-\x7E]/g, '?'));
}

export function readCardInput(rawCardId: unknown): CardInput {
  const raw = typeof rawCardId === 'string' ? rawCardId : '';
  const normalized = normalizeCardId(raw);
  if (normalized.ok) return { ok: true, cardId: normalized.cardId };
  return { ok: false, raw, code: normalized.code, masked: maskRaw(raw) };
}
