import type { Locale } from '@balance-desk/contract';

const cache = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: Locale, kind: 'time' | 'stamp'): Intl.DateTimeFormat {
  const key = `${locale}|${kind}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
        : {
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          };
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** The status bar clock: 14:03:27. */
export function formatClock(date: Date, locale: Locale): string {
  return dateTimeFormat(locale, 'time').format(date);
}

/** "Last changed": date and minute in the terminal's time zone; '—' when absent or unreadable. */
export function formatStamp(iso: string | undefined, locale: Locale): string {
  if (iso === undefined) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateTimeFormat(locale, 'stamp').format(date);
}

/** "Looked up at": the time of day to the second. */
export function formatTimeOfDay(iso: string | undefined, locale: Locale): string {
  if (iso === undefined) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateTimeFormat(locale, 'time').format(date);
}
