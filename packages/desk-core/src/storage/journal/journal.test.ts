import type { JournalEntry } from '@balance-desk/contract';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalFileName, localDay } from './day-files';
import { openJournal } from './journal';
import { manualClock, recordingLogger, useTempDirs } from '../../test-support/storage-helpers';

const tempDir = useTempDirs();
const DAY = 24 * 3600 * 1000;

function entry(n: number, extra: Partial<JournalEntry> = {}): JournalEntry {
  return {
    at: new Date(2025, 0, 15, 12, 0, n).toISOString(),
    card: `1119…${String(n).padStart(4, '0')}`,
    kind: 'ok',
    requestId: `req-${n}`,
    latencyMs: 40 + n,
    accounts: 1,
    ...extra,
  };
}

describe('journal', () => {
  it("names the terminal's local day", () => {
    expect(localDay(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });

  it('appends one JSON line per lookup to the local day file and reads back newest first', async () => {
    const dir = await tempDir();
    const clock = manualClock(new Date(2025, 0, 15, 9, 30));
    const journal = await openJournal({ dir, now: clock.now });
    for (let i = 1; i <= 3; i++) journal.record(entry(i));
    expect(await journal.recent(10)).toEqual([entry(3), entry(2), entry(1)]);
    expect(await journal.recent(2)).toEqual([entry(3), entry(2)]);
    expect(await journal.recent(0)).toEqual([]);
    expect(await readdir(dir)).toEqual(['journal-2025-01-15.jsonl']);
    const lines = (await readFile(path.join(dir, 'journal-2025-01-15.jsonl'), 'utf8')).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(JSON.parse(lines[0] ?? '')).toEqual(entry(1));
  });

  it('names files by the terminal local day (late evening and just after midnight differ)', () => {
    expect(journalFileName(new Date(2025, 0, 15, 23, 59, 59))).toBe('journal-2025-01-15.jsonl');
    expect(journalFileName(new Date(2025, 0, 16, 0, 0, 1))).toBe('journal-2025-01-16.jsonl');
  });

  it('rotates at midnight and reads back across day files', async () => {
    const dir = await tempDir();
    const clock = manualClock(new Date(2025, 0, 15, 23, 59));
    const journal = await openJournal({ dir, now: clock.now });
    journal.record(entry(1));
    journal.record(entry(2));
    await journal.flush();
    clock.advance(2 * 60_000);
    journal.record(entry(3));
    await journal.flush();
    expect((await readdir(dir)).sort()).toEqual(['journal-2025-01-15.jsonl', 'journal-2025-01-16.jsonl']);
    expect(await journal.recent(10)).toEqual([entry(3), entry(2), entry(1)]);
    expect(await journal.recent(2)).toEqual([entry(3), entry(2)]);
    // A new process reads the same.
    expect(await (await openJournal({ dir, now: clock.now })).recent(3)).toEqual([
      entry(3),
      entry(2),
      entry(1),
    ]);
  });

  it('prunes day files older than the retention on open and when the day changes', async () => {
    const dir = await tempDir();
    const today = new Date(2025, 2, 31, 10);
    const dayFile = (daysAgo: number): string => journalFileName(new Date(today.getTime() - daysAgo * DAY));
    for (const daysAgo of [45, 31, 30, 29, 1, 0])
      await writeFile(path.join(dir, dayFile(daysAgo)), `${JSON.stringify(entry(daysAgo))}\n`);
    await writeFile(path.join(dir, 'notes.txt'), 'not ours');
    const clock = manualClock(today);
    const journal = await openJournal({ dir, now: clock.now, retentionDays: 30 });
    expect((await readdir(dir)).sort()).toEqual(
      [dayFile(30), dayFile(29), dayFile(1), dayFile(0), 'notes.txt'].sort(),
    );

    clock.advance(DAY); // the next day: the 30-day-old file is now 31 days old
    journal.record(entry(7));
    await journal.flush();
    expect((await readdir(dir)).sort()).toEqual(
      [dayFile(29), dayFile(1), dayFile(0), dayFile(-1), 'notes.txt'].sort(),
    );
  });

  it('skips a torn last line from a crash and starts the next entry on its own line', async () => {
    const dir = await tempDir();
    const clock = manualClock(new Date(2025, 0, 15, 12));
    const file = path.join(dir, 'journal-2025-01-15.jsonl');
    await writeFile(file, `${JSON.stringify(entry(1))}\n{"at":"2025-01-15T04:00:02.000Z","card":"11`);
    const journal = await openJournal({ dir, now: clock.now });
    expect(await journal.recent(10)).toEqual([entry(1)]);
    journal.record(entry(3));
    expect(await journal.recent(10)).toEqual([entry(3), entry(1)]);
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines[2]).toBe(JSON.stringify(entry(3)));
  });

  it('skips lines that are not journal entries', async () => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, 'journal-2025-01-15.jsonl'),
      `${JSON.stringify(entry(1))}\n{"hello":1}\n\nnot json\n${JSON.stringify(entry(2))}\n`,
    );
    const journal = await openJournal({ dir, now: manualClock(new Date(2025, 0, 15, 12)).now });
    expect(await journal.recent(10)).toEqual([entry(2), entry(1)]);
  });

  it('re-masks anything that looks like a full card id, in the card and in free text', async () => {
    const dir = await tempDir();
    const journal = await openJournal({ dir, now: manualClock(new Date(2025, 0, 15, 12)).now });
    journal.record(entry(1, { card: '1119000000000125' }));
    journal.record(
      entry(2, {
        card: 'AB12-77777-X',
        kind: 'error',
        reason: 'not-found for 1119000000000125',
        subCode: 'isv.card 123456789 missing',
      }),
    );
    journal.record(entry(3, { card: '1119…0125' }));
    journal.record(entry(4, { card: '12345678' })); // unmasked, even if short
    const [e4, e3, e2, e1] = await journal.recent(4);
    expect(e1?.card).toBe('1119…0125');
    expect(e2).toMatchObject({
      card: 'AB12…77-X',
      reason: 'not-found for 1119…0125',
      subCode: 'isv.card 1234…6789 missing',
    });
    expect(e3?.card).toBe('1119…0125');
    expect(e4?.card).toBe('…5678');
    const text = await readFile(path.join(dir, 'journal-2025-01-15.jsonl'), 'utf8');
    expect(text).not.toMatch(/\d{9,}/);
  });

  it('record never throws: a write failure is logged and the next lookup is still journaled', async () => {
    const dir = await tempDir();
    const clock = manualClock(new Date(2025, 0, 15, 12));
    const logger = recordingLogger();
    // A directory where today's file should be: appends fail with EISDIR.
    await mkdir(path.join(dir, 'journal-2025-01-15.jsonl'));
    const journal = await openJournal({ dir, now: clock.now, logger });
    expect(() => journal.record(entry(1))).not.toThrow();
    await journal.flush();
    expect(logger.lines.some((l) => l.message === 'journal: write failed')).toBe(true);
    clock.advance(DAY);
    journal.record(entry(2));
    expect(await journal.recent(5)).toEqual([entry(2)]);
    journal.record({ at: 'x', card: '1', kind: 'exploded' } as unknown as JournalEntry);
    expect(logger.lines.some((l) => l.message === 'journal: malformed entry dropped')).toBe(true);
  });

  it('does not block: record returns before the line is written', async () => {
    const dir = await tempDir();
    const journal = await openJournal({ dir, now: manualClock(new Date(2025, 0, 15, 12)).now });
    journal.record(entry(1));
    expect(await readdir(dir)).toEqual([]);
    await journal.flush();
    expect(await readdir(dir)).toEqual(['journal-2025-01-15.jsonl']);
  });
});
