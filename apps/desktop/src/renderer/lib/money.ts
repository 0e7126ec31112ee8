import type { AmountUnit, Locale } from '@balance-desk/contract';

/**
 * Money on screen (docs/TOP-PROTOCOL.md §5 "Money unit"): amounts arrive as integers in the API's
 * unit and never become floats. The integer is split into yuan and fen with BigInt arithmetic and handed to
 * `Intl.NumberFormat` as an exact decimal string — Intl.NumberFormat v3 formats string decimals
 * without going through a double (checked on Node 20 and Chromium 156), so ¥90,071,992,547,409.91
 * stays exact where `amount / 100` would not.
 */

const formatters = new Map<Locale, Intl.NumberFormat>();

function formatter(locale: Locale): Intl.NumberFormat {
  let f = formatters.get(locale);
  if (!f) {
    // narrowSymbol: "¥" in both languages (en would otherwise say "CN¥").
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'CNY',
      currencyDisplay: 'narrowSymbol',
    });
    formatters.set(locale, f);
  }
  return f;
}

/** The exact decimal string in yuan: 4000 fen → "40.00", -1 fen → "-0.01", 12 yuan → "12.00". */
export function toYuanDecimal(amount: number | bigint, unit: AmountUnit): `${number}` {
  if (typeof amount === 'number' && !Number.isSafeInteger(amount))
    throw new RangeError('amount must be a safe integer');
  const value = BigInt(amount);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const sign = negative ? '-' : '';
  const [yuan, fen] = unit === 'yuan' ? [abs, 0n] : [abs / 100n, abs % 100n];
  return `${sign}${yuan.toString()}.${fen.toString().padStart(2, '0')}` as `${number}`;
}

/** "¥40.00" (zh-CN and en), "-¥0.01", "¥12,345,678,901.23". */
export function formatMoney(amount: number | bigint, unit: AmountUnit, locale: Locale): string {
  return formatter(locale).format(toYuanDecimal(amount, unit));
}
