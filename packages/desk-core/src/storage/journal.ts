/**
 * The lookup journal (docs/ARCHITECTURE.md "One lookup, end to end"): one JSON line per lookup in
 * `journal-YYYY-MM-DD.jsonl`.
 *
 * Day = the terminal's LOCAL calendar day at the time of recording: the journal answers "what
 * happened at this till on Tuesday", and the till's clock is in the store's zone. (TOP timestamps
 * are GMT+8 for the protocol only — docs/TOP-PROTOCOL.md §2 — which says nothing about the
 * store's day.)
 *
 * Appends run through one queue, so `record` returns at once and lines never interleave. A crash
 * mid-append leaves a torn last line: readers skip it, and the next append starts on a new line.
 */
import { JournalEntry, maskCardId } from '@balance-desk/contract';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Journal, Logger } from '../ports';
import { SerialQueue } from './serial-queue';

export interface JournalOptions {
  /** A folder of its own, e.g. `<userData>/journal`. Created if missing. */
  dir: string;
  /** Day files older than this many days are deleted on open and at each new day. */
  retentionDays?: number;
  now?: () => Date;
  logger?: Logger;
}

const FILE_PATTERN = /^journal-(\d{4}-\d{2}-\d{2})\.jsonl$/;
const MAX_RECENT = 1000;

/** `YYYY-MM-DD` of the local calendar day. */
export function localDay(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export function journalFileName(at: Date): string {
  return `journal-${localDay(at)}.jsonl`;
}

/** A run of 9+ digits is a card id (or part of one) until proven otherwise. */
const DIGIT_RUN = /\d{9,}/g;
const maskRuns = (text: string): string => text.replace(DIGIT_RUN, (run) => maskCardId(run));

/**
 * The caller masks the card; this is the second line of defence, because a journal is kept for a
 * month and copied into support tickets: a card that is not masked yet is masked here, and any
 * run of 9+ digits (a card id, or part of one) is masked wherever it appears. Unknown fields are dropped.
 */
export function sanitizeJournalEntry(entry: JournalEntry): JournalEntry | undefined {
  const card = typeof entry.card === 'string' ? entry.card : '';
  // maskCardId's output always contains '…': anything without one was never masked.
  const safeCard = card.includes('…') ? maskRuns(card) : maskCardId(card);
  const parsed = JournalEntry.safeParse({
    ...entry,
    card: safeCard,
    ...(typeof entry.reason === 'string' ? { reason: maskRuns(entry.reason) } : {}),
    ...(typeof entry.subCode === 'string' ? { subCode: maskRuns(entry.subCode) } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

export async function openJournal(options: JournalOptions): Promise<Journal> {
  const { dir } = options;
  const retentionDays = options.retentionDays ?? 30;
  const now = options.now ?? (() => new Date());
  const logger = options.logger;
  const queue = new SerialQueue();
  /** Files whose last line is known to end with '\n' (checked once per file per run). */
  const terminated = new Set<string>();
  let prunedDay = '';

  async function dayFiles(): Promise<string[]> {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    return names.filter((name) => FILE_PATTERN.test(name)).sort();
  }

  async function prune(): Promise<void> {
    const today = now();
    prunedDay = localDay(today);
    const cutoff = localDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - retentionDays));
    for (const name of await dayFiles()) {
      const day = FILE_PATTERN.exec(name)?.[1] ?? '';
      if (day < cutoff) await fs.rm(path.join(dir, name), { force: true });
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

  await fs.mkdir(dir, { recursive: true });
  await prune().catch((error: unknown) =>
    logger?.warn('journal: prune failed', { code: (error as NodeJS.ErrnoException).code }),
  );

  return {
    record(entry) {
      const safe = sanitizeJournalEntry(entry);
      if (!safe) {
        logger?.warn('journal: malformed entry dropped');
        return;
      }
      const at = now();
      void queue.run(async () => {
        try {
          if (localDay(at) !== prunedDay) await prune();
          const file = path.join(dir, journalFileName(at));
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
        const out: JournalEntry[] = [];
        for (const name of (await dayFiles()).reverse()) {
          if (out.length >= wanted) break;
          const text = await fs.readFile(path.join(dir, name), 'utf8').catch(() => '');
          const lines = text.split('\n');
          for (let i = lines.length - 1; i >= 0 && out.length < wanted; i--) {
            const entry = parseLine(lines[i] ?? '');
            if (entry) out.push(entry);
          }
        }
        return out;
      }),

    flush: () => queue.idle(),
  };
}

function parseLine(line: string): JournalEntry | undefined {
  if (line.trim() === '') return undefined;
  try {
    const parsed = JournalEntry.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // a torn line from a crash mid-write
  }
}
