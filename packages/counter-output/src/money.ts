import type { AmountUnit } from '@balance-desk/contract';

/**
 * Money on slips and on the customer display: integers in minor units (fen) as BigInt from the
 * CRM's integer to the printed string, never a float. The renderer has its own Intl-based
 * formatter; this one is separate because printers need a fixed, locale-independent shape and the
 * full-width yuan sign (see `SLIP_YUAN`).
 */

/** Full-width ￥ (GB18030 A3 A4): every Chinese receipt printer has it; `¥` is a 4-byte GB18030 sequence many lack. */
export const SLIP_YUAN = '￥';
/** The ordinary sign for screens. */
export const SCREEN_YUAN = '¥';

/** The CRM's integer (in `unit`) as fen. Refuses anything but a safe integer, so a bad amount never prints. */
export function toFen(amount: number | bigint, unit: AmountUnit): bigint {
  if (typeof amount === 'number' && !Number.isSafeInteger(amount))
    throw new RangeError(`amount must be a safe integer, got ${String(amount)}`);
  const value = BigInt(amount);
  return unit === 'yuan' ? value * 100n : value;
}

/** 123456789n fen → "￥1,234,567.89"; -1n → "-￥0.01". Grouping by thousands in both languages. */
export function formatFen(fen: bigint, symbol: string = SLIP_YUAN): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${symbol}${yuan}.${cents}`;
}
