/*
 * `yyyy-MM-dd HH:mm:ss` in GMT+8 (docs/TOP-PROTOCOL.md §2 "timestamp"; ALSC `gmt_*` dates), the
 * sandbox's own reading of it: the gateway must not share the client's code for what it checks.
 * China has had no daylight saving time since 1991, so GMT+8 is a fixed `+08:00` offset.
 */

const GMT8_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Milliseconds since the epoch of a GMT+8 `yyyy-MM-dd HH:mm:ss`, or undefined if it is not one (2024-02-31, 24:00:00…). */
export function parseGmt8(text: string): number | undefined {
  const m = GMT8_RE.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return undefined;
  // Fields checked above: the ISO form with an explicit offset is then exact (Date.parse alone would accept Feb 31).
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The GMT+8 `yyyy-MM-dd HH:mm:ss` of an instant (demo data dates). */
export function formatGmt8(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
