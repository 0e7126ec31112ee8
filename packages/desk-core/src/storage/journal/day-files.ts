import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../ports';

const DAY_MS = 24 * 3600 * 1000;

/** `YYYY-MM-DD` of the local calendar day. */
export function localDay(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export function journalFileName(at: Date): string {
  return `journal-${localDay(at)}.jsonl`;
}

export function managerFileName(at: Date): string {
  return `manager-${localDay(at)}.jsonl`;
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`), by calendar, not by clock hours. */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export interface DayFile {
  name: string;
  day: string;
}

/** The day files of one log (`pattern` captures the day), oldest first. */
export async function listDayFiles(dir: string, pattern: RegExp): Promise<DayFile[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names
    .map((name) => ({ name, day: pattern.exec(name)?.[1] ?? '' }))
    .filter((file) => file.day !== '')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface PruneOptions {
  dir: string;
  pattern: RegExp;
  retentionDays: number;
  /** Which log, in clock-jump reports. */
  label: string;
  logger: Logger | undefined;
  onClockJump: ((jump: { direction: 'forward' | 'backward'; detail: string }) => void) | undefined;
}

/**
 * Deletes the day files older than the retention, counted from `today` but never from further than
 * the day after the newest day file before today; reports a clock jump either way.
 */
export async function pruneDayFiles(options: PruneOptions, today: string): Promise<void> {
  const { dir, logger } = options;
  const files = await listDayFiles(dir, options.pattern);
  const before = files.filter((f) => f.day < today);
  const newestBefore = before.at(-1)?.day;
  // Counted from today, but never from further than the day after the last day with entries.
  const reference =
    newestBefore !== undefined && addDays(newestBefore, 1) < today ? addDays(newestBefore, 1) : today;
  const cutoff = addDays(reference, -options.retentionDays);
  const naiveCutoff = addDays(today, -options.retentionDays);
  const heldBack = files.filter((f) => f.day >= cutoff && f.day < naiveCutoff).length;
  if (heldBack > 0 && newestBefore !== undefined) {
    const detail = `${options.label}: today is ${today}, ${daysBetween(newestBefore, today)} days after the last entries (${newestBefore}); ${heldBack} day files kept`;
    logger?.warn('journal: clock jumped forward (or the terminal was off for long); pruning held back', {
      detail,
    });
    options.onClockJump?.({ direction: 'forward', detail });
  }
  const ahead = files.filter((f) => daysBetween(today, f.day) > 1);
  if (ahead.length > 0) {
    const detail = `${options.label}: today is ${today}, yet day files up to ${ahead.at(-1)?.day ?? ''} exist`;
    logger?.warn('journal: clock went backwards', { detail });
    options.onClockJump?.({ direction: 'backward', detail });
  }
  for (const file of files) {
    if (file.day < cutoff) await fs.rm(path.join(dir, file.name), { force: true });
  }
}
