/** China Standard Time is UTC+8 all year (no DST since 1991), so a fixed offset is exact. */
const GMT8_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * TOP's `timestamp`: `yyyy-MM-dd HH:mm:ss` in GMT+8, computed from the instant itself and never
 * from the machine's zone (POS terminals are often set wrong; docs/TOP-PROTOCOL.md §2 "Timestamp pitfall").
 */
export function formatTopTimestamp(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('formatTopTimestamp: invalid date');
  const d = new Date(ms + GMT8_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Parses a GMT+8 `yyyy-MM-dd HH:mm:ss` string (TOP timestamps, ALSC `gmt_*` dates) to an instant; `undefined` if malformed. */
export function parseTopTimestamp(text: string): Date | undefined {
  const m = TIMESTAMP_RE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - GMT8_OFFSET_MS;
  const back = new Date(ms + GMT8_OFFSET_MS);
  if (back.getUTCDate() !== d) return undefined; // 2024-02-31 and the like
  return new Date(ms);
}
