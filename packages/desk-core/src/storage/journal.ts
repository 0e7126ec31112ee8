/**
 * The lookup journal (docs/ARCHITECTURE.md "One lookup, end to end"): one JSON line per lookup in
 * `journal-YYYY-MM-DD.jsonl`, and beside it the manager audit trail: one line per manager action
 * in `manager-YYYY-MM-DD.jsonl`.
 *
 * Day = the terminal's LOCAL calendar day at the time of recording: the journal answers "what
 * happened at this till on Tuesday", and the till's clock is in the store's zone. (TOP timestamps
 * are GMT+8 for the protocol only — docs/TOP-PROTOCOL.md §2 — which says nothing about the
 * store's day.)
 *
 * Appends run through one queue, so `record` returns at once and lines never interleave. A crash
 * mid-append leaves a torn last line: readers skip it, and the next append starts on a new line.
 *
 * Pruning survives clock jumps. Retention counts back from today, but never from further than the
 * day after the newest day file before today: one lookup with the clock months ahead must not
 * delete a month of real days (the files written while the clock is wrong are dated wrong, the
 * old ones are not). Day files dated after today mean the clock went back. Either way the jump is
 * reported (`onClockJump`) and nothing that is still within retention of real days is deleted.
 *
 * Reading is bounded: the newest lines are read from the end of each day file in chunks, so a
 * huge day file costs what the answer needs, not the whole file.
 */
import { JournalEntry, ManagerEvent, maskCardForLog } from '@balance-desk/contract';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Journal, Logger } from '../ports';
import { SerialQueue } from './serial-queue';

export interface JournalOptions {
  /** A folder of its own, e.g. `<userData>/journal`. Created if missing. */
  dir: string;
  /** Lookup day files older than this many days are deleted on open and at each new day. */
  retentionDays?: number;
  /** Manager audit day files are kept longer: "who changed the gateway?" comes up weeks later. */
  managerRetentionDays?: number;
  now?: () => Date;
  logger?: Logger;
  /** The clock jumped forwards or backwards past the journal's days; pruning was held back. */
  onClockJump?: (jump: { direction: 'forward' | 'backward'; detail: string }) => void;
  /** Tests: counts the bytes read from day files (reads must stay bounded). */
  readStats?: { bytes: number };
}

const JOURNAL_PATTERN = /^journal-(\d{4}-\d{2}-\d{2})\.jsonl$/;
const MANAGER_PATTERN = /^manager-(\d{4}-\d{2}-\d{2})\.jsonl$/;
const MAX_RECENT = 1000;
const DAY_MS = 24 * 3600 * 1000;
/** Read from the end of a day file this much at a time. */
const TAIL_CHUNK_BYTES = 64 * 1024;
/** At most this much of one day file is read for one answer (lines of junk cannot make it unbounded). */
const MAX_TAIL_BYTES = 4 * 1024 * 1024;

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

/** A run of 9+ digits is a card id (or part of one) until proven otherwise. */
const DIGIT_RUN = /\d{9,}/g;
const maskRuns = (text: string): string => text.replace(DIGIT_RUN, (run) => maskCardForLog(run));

/**
 * The caller masks the card; this is the second line of defence, because a journal is kept for a
 * month and copied into support tickets: a card that is not masked yet is masked here, and any
 * run of 9+ digits (a card id, or part of one) is masked wherever it appears. Unknown fields are
 * dropped. Applied on write and again on read: a day file is a plain file anyone with disk access
 * can edit, and what comes back must be masked all the same.
 */
export function sanitizeJournalEntry(entry: JournalEntry): JournalEntry | undefined {
  const card = typeof entry.card === 'string' ? entry.card : '';
  // maskCardForLog's output always contains '…': anything without one was never masked.
  const safeCard = card.includes('…') ? maskRuns(card) : maskCardForLog(card);
  const parsed = JournalEntry.safeParse({
    ...entry,
    card: safeCard,
    ...(typeof entry.reason === 'string' ? { reason: maskRuns(entry.reason) } : {}),
    ...(typeof entry.subCode === 'string' ? { subCode: maskRuns(entry.subCode) } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

/** Manager events carry field names, a host and a short detail: never a value, and no card id either. */
export function sanitizeManagerEvent(event: ManagerEvent): ManagerEvent | undefined {
  const parsed = ManagerEvent.safeParse({
    ...event,
    ...(typeof event.detail === 'string' ? { detail: maskRuns(event.detail) } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`), by calendar, not by clock hours. */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

interface DayLogOptions<T> {
  dir: string;
  pattern: RegExp;
  fileName: (at: Date) => string;
  retentionDays: number;
  sanitize: (value: T) => T | undefined;
  schema: z.ZodType<T>;
  now: () => Date;
  logger: Logger | undefined;
  queue: SerialQueue;
  onClockJump: JournalOptions['onClockJump'];
  readStats: JournalOptions['readStats'];
  label: string;
}

interface DayLog<T> {
  prune(): Promise<void>;
  record(value: T): void;
  recent(limit: number): Promise<T[]>;
}

function openDayLog<T>(options: DayLogOptions<T>): DayLog<T> {
  const { dir, pattern, queue, logger, now } = options;
  /** Files whose last line is known to end with '\n' (checked once per file per run). */
  const terminated = new Set<string>();
  let prunedDay = '';

  async function dayFiles(): Promise<{ name: string; day: string }[]> {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    return names
      .map((name) => ({ name, day: pattern.exec(name)?.[1] ?? '' }))
      .filter((file) => file.day !== '')
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async function prune(): Promise<void> {
    const today = localDay(now());
    prunedDay = today;
    const files = await dayFiles();
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

  /** A crash mid-append left no final newline: start the next line on its own. */
  async function lineStart(file: string): Promise<string> {
    if (terminated.has(file)) return '';
    terminated.add(file);
    const handle = await fs.open(file, 'r').catch(() => undefined);
    if (!handle) return '';
    try {
      const { size } = await handle.stat();
      if (size === 0) return '';
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      return last[0] === 0x0a ? '' : '\n';
    } finally {
      await handle.close();
    }
  }

  function parseLine(line: string): T | undefined {
    if (line.trim() === '') return undefined;
    try {
      const parsed = options.schema.safeParse(JSON.parse(line));
      return parsed.success ? options.sanitize(parsed.data) : undefined;
    } catch {
      return undefined; // a torn line from a crash mid-write
    }
  }

  /** The newest `wanted` valid entries of one file, newest first, reading backwards from its end. */
  async function tail(file: string, wanted: number): Promise<T[]> {
    const out: T[] = [];
    const handle = await fs.open(file, 'r').catch(() => undefined);
    if (!handle) return out;
    try {
      const { size } = await handle.stat();
      if (!Number.isFinite(size) || size <= 0) return out;
      let position = size;
      let carry = Buffer.alloc(0);
      let read = 0;
      while (position > 0 && out.length < wanted && read < MAX_TAIL_BYTES) {
        const length = Math.min(TAIL_CHUNK_BYTES, position);
        position -= length;
        const chunk = Buffer.alloc(length);
        const { bytesRead } = await handle.read(chunk, 0, length, position);
        read += bytesRead;
        if (options.readStats) options.readStats.bytes += bytesRead;
        let data = Buffer.concat([chunk.subarray(0, bytesRead), carry]);
        // Everything after the first newline is whole lines; what precedes it may continue further back.
        let end = data.length;
        for (let i = data.length - 1; i >= 0 && out.length < wanted; i--) {
          if (data[i] !== 0x0a) continue;
          const entry = parseLine(data.subarray(i + 1, end).toString('utf8'));
          if (entry !== undefined) out.push(entry);
          end = i;
        }
        data = data.subarray(0, end);
        carry = Buffer.from(data);
      }
      if (position === 0 && out.length < wanted && carry.length > 0) {
        const entry = parseLine(carry.toString('utf8'));
        if (entry !== undefined) out.push(entry);
      }
      return out;
    } catch {
      return out; // a directory in its place, a file vanishing under us: read what we could
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  return {
    prune,
    record(value) {
      const safe = options.sanitize(value);
      if (!safe) {
        logger?.warn('journal: malformed entry dropped');
        return;
      }
      const at = now();
      void queue.run(async () => {
        try {
          if (localDay(at) !== prunedDay) await prune();
          const file = path.join(dir, options.fileName(at));
          await fs.appendFile(file, `${await lineStart(file)}${JSON.stringify(safe)}\n`);
        } catch (error) {
          // A journal failure must not fail a lookup (ports.ts Journal.record).
          logger?.warn('journal: write failed', { code: (error as NodeJS.ErrnoException).code });
        }
      });
    },
    recent: (limit) =>
      queue.run(async () => {
        const wanted = Math.max(0, Math.min(Math.floor(limit), MAX_RECENT));
        const out: T[] = [];
        for (const { name } of (await dayFiles()).reverse()) {
          if (out.length >= wanted) break;
          out.push(...(await tail(path.join(dir, name), wanted - out.length)));
        }
        return out;
      }),
  };
}

export async function openJournal(options: JournalOptions): Promise<Journal> {
  const { dir } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger;
  const queue = new SerialQueue();
  const common = {
    dir,
    now,
    logger,
    queue,
    onClockJump: options.onClockJump,
    readStats: options.readStats,
  };
  const lookups = openDayLog<JournalEntry>({
    ...common,
    pattern: JOURNAL_PATTERN,
    fileName: journalFileName,
    retentionDays: options.retentionDays ?? 30,
    sanitize: sanitizeJournalEntry,
    schema: JournalEntry,
    label: 'journal',
  });
  const manager = openDayLog<ManagerEvent>({
    ...common,
    pattern: MANAGER_PATTERN,
    fileName: managerFileName,
    retentionDays: options.managerRetentionDays ?? 365,
    sanitize: sanitizeManagerEvent,
    schema: ManagerEvent,
    label: 'manager log',
  });

  // A folder that cannot be created (read-only data directory) must not stop the app: record() then fails quietly.
  await fs
    .mkdir(dir, { recursive: true })
    .catch((error: unknown) =>
      logger?.warn('journal: folder cannot be created', { code: (error as NodeJS.ErrnoException).code }),
    );
  for (const log of [lookups, manager]) {
    await log
      .prune()
      .catch((error: unknown) =>
        logger?.warn('journal: prune failed', { code: (error as NodeJS.ErrnoException).code }),
      );
  }

  return {
    record: (entry) => lookups.record(entry),
    recent: (limit) => lookups.recent(limit),
    recordManagerEvent: (event) => manager.record(event),
    recentManagerEvents: (limit) => manager.recent(limit),
    flush: () => queue.idle(),
  };
}
