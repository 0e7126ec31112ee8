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
import { JournalEntry, ManagerEvent } from '@balance-desk/contract';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Journal, Logger } from '../../ports';
import { SerialQueue } from '../files/serial-queue';
import { lineStart, readTail } from './day-file-read';
import { journalFileName, listDayFiles, localDay, managerFileName, pruneDayFiles } from './day-files';
import { sanitizeJournalEntry, sanitizeManagerEvent } from './sanitize';

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

/** One stored line back as an entry, sanitised again: a day file is a plain file anyone may edit. */
function parseLine<T>(options: Pick<DayLogOptions<T>, 'schema' | 'sanitize'>, line: string): T | undefined {
  if (line.trim() === '') return undefined;
  try {
    const parsed = options.schema.safeParse(JSON.parse(line));
    return parsed.success ? options.sanitize(parsed.data) : undefined;
  } catch {
    return undefined; // a torn line from a crash mid-write
  }
}

function openDayLog<T>(options: DayLogOptions<T>): DayLog<T> {
  const { dir, pattern, queue, logger, now } = options;
  /** Files whose last line is known to end with '\n' (checked once per file per run). */
  const terminated = new Set<string>();
  let prunedDay = '';

  async function prune(): Promise<void> {
    prunedDay = localDay(now());
    await pruneDayFiles(options, prunedDay);
  }

  /** A crash mid-append left no final newline: start the next line on its own (checked once per file). */
  async function nextLineStart(file: string): Promise<string> {
    if (terminated.has(file)) return '';
    terminated.add(file);
    return lineStart(file);
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
          await fs.appendFile(file, `${await nextLineStart(file)}${JSON.stringify(safe)}\n`);
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
        for (const { name } of (await listDayFiles(dir, pattern)).reverse()) {
          if (out.length >= wanted) break;
          out.push(
            ...(await readTail(
              path.join(dir, name),
              wanted - out.length,
              (line) => parseLine(options, line),
              options.readStats,
            )),
          );
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
