import type { JournalEntry, ManagerEvent } from '@balance-desk/contract';
import { open, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalFileName, managerFileName } from './day-files';
import { openJournal } from './journal';
import { manualClock, useTempDirs } from '../../test-support/storage-helpers';

const tempDir = useTempDirs();
const DAY = 24 * 3600 * 1000;

function entry(n: number, extra: Partial<JournalEntry> = {}): JournalEntry {
  return {
    at: new Date(2025, 5, 15, 12, 0, n % 60).toISOString(),
    card: `1119…${String(n % 10000).padStart(4, '0')}`,
    kind: 'ok',
    requestId: `req-${n}`,
    latencyMs: 40,
    accounts: 1,
    ...extra,
  };
}

/** Ten days of journal, the newest today. */
async function tenDays(dir: string, today: Date): Promise<string[]> {
  const names: string[] = [];
  for (let daysAgo = 9; daysAgo >= 0; daysAgo--) {
    const name = journalFileName(new Date(today.getTime() - daysAgo * DAY));
    await writeFile(path.join(dir, name), `${JSON.stringify(entry(daysAgo))}\n`);
    names.push(name);
  }
  return names;
}

describe('journal pruning survives clock jumps', () => {
  it('one lookup with the clock 4 months ahead deletes no day file, and the jump is reported', async () => {
    const dir = await tempDir();
    const today = new Date(2025, 5, 15, 10);
    const names = await tenDays(dir, today);
    const clock = manualClock(today);
    const jumps: { direction: string; detail: string }[] = [];
    const journal = await openJournal({ dir, now: clock.now, onClockJump: (j) => jumps.push(j) });
    expect(jumps).toEqual([]);

    clock.advance(122 * DAY);
    journal.record(entry(99));
    await journal.flush();
    const after = await readdir(dir);
    for (const name of names) expect(after).toContain(name);
    expect(after).toContain(journalFileName(clock.now()));
    expect(jumps).toEqual([{ direction: 'forward', detail: expect.stringContaining('122 days') }]);

    // The clock is put right: the real days are all still there and readable.
    clock.advance(-122 * DAY);
    const reopened = await openJournal({ dir, now: clock.now });
    expect((await reopened.recent(20)).map((e) => e.requestId)).toContain('req-9');
  });

  it('the clock going back months deletes nothing and is reported', async () => {
    const dir = await tempDir();
    const today = new Date(2025, 5, 15, 10);
    const names = await tenDays(dir, today);
    const clock = manualClock(new Date(today.getTime() - 120 * DAY));
    const jumps: { direction: string; detail: string }[] = [];
    const journal = await openJournal({ dir, now: clock.now, onClockJump: (j) => jumps.push(j) });
    journal.record(entry(1));
    await journal.flush();
    const after = await readdir(dir);
    for (const name of names) expect(after).toContain(name);
    expect(jumps[0]).toMatchObject({ direction: 'backward' });
  });

  it('normal days still prune on time (the day after the newest file is today)', async () => {
    const dir = await tempDir();
    const today = new Date(2025, 5, 15, 10);
    const old = journalFileName(new Date(today.getTime() - 31 * DAY));
    await writeFile(path.join(dir, old), `${JSON.stringify(entry(1))}\n`);
    await writeFile(path.join(dir, journalFileName(new Date(today.getTime() - DAY))), '');
    const jumps: unknown[] = [];
    await openJournal({ dir, now: manualClock(today).now, onClockJump: (j) => jumps.push(j) });
    expect(await readdir(dir)).not.toContain(old);
    expect(jumps).toEqual([]);
  });
});

describe('journal reads', () => {
  it('a planted full card number comes back masked', async () => {
    const dir = await tempDir();
    const now = new Date(2025, 5, 15, 10);
    const planted = { ...entry(1), card: '111950000052400125', reason: 'card 6222021234567890123 refused' };
    await writeFile(path.join(dir, journalFileName(now)), `${JSON.stringify(planted)}\n`);
    const journal = await openJournal({ dir, now: () => now });
    const [read] = await journal.recent(5);
    expect(read).toMatchObject({ card: '1119…0125', reason: 'card 6222…0123 refused' });
    expect(JSON.stringify(await journal.recent(5))).not.toMatch(/\d{9,}/);
  });

  it('a 75 MB day file: the newest entries are read from its end, not the whole file', async () => {
    const dir = await tempDir();
    const now = new Date(2025, 5, 15, 10);
    const file = path.join(dir, journalFileName(now));
    const handle = await open(file, 'w');
    // 75 MB of old lines (sparse: the size is real, the disk use is not), then the newest entries.
    await handle.truncate(75 * 1024 * 1024);
    await handle.close();
    const tail = Array.from({ length: 60 }, (_, i) => `${JSON.stringify(entry(i))}\n`).join('');
    await writeFile(file, `\n${tail}`, { flag: 'a' });
    const stats = { bytes: 0 };
    const journal = await openJournal({ dir, now: () => now, readStats: stats });
    const recent = await journal.recent(50);
    expect(recent).toHaveLength(50);
    expect(recent[0]?.requestId).toBe('req-59');
    expect(stats.bytes).toBeGreaterThan(0);
    expect(stats.bytes).toBeLessThanOrEqual(128 * 1024);
  });

  it('a line split across read chunks and a torn last line are handled', async () => {
    const dir = await tempDir();
    const now = new Date(2025, 5, 15, 10);
    const long = entry(1, { kind: 'error', reason: 'x'.repeat(100_000) });
    const text = `${JSON.stringify(entry(0))}\n${JSON.stringify(long)}\n${JSON.stringify(entry(2))}\n{"at":"2025`;
    await writeFile(path.join(dir, journalFileName(now)), text);
    const journal = await openJournal({ dir, now: () => now });
    expect((await journal.recent(10)).map((e) => e.requestId)).toEqual(['req-2', 'req-1', 'req-0']);
  });
});

describe('manager events', () => {
  const event = (n: number, extra: Partial<ManagerEvent> = {}): ManagerEvent => ({
    at: new Date(2025, 5, 15, 12, 0, n).toISOString(),
    event: 'settings-change',
    outcome: 'ok',
    fields: ['gatewayUrl'],
    ...extra,
  });

  it('go to their own day files, newest first, kept a year, and never mixed with lookups', async () => {
    const dir = await tempDir();
    const clock = manualClock(new Date(2025, 5, 15, 12));
    const oldDay = managerFileName(new Date(clock.now().getTime() - 200 * DAY));
    await writeFile(path.join(dir, oldDay), `${JSON.stringify(event(0))}\n`);
    const journal = await openJournal({ dir, now: clock.now });
    journal.recordManagerEvent(event(1));
    journal.recordManagerEvent(event(2, { event: 'pin-verify', outcome: 'wrong-pin', fields: undefined }));
    journal.record(entry(3));
    expect(await journal.recentManagerEvents(10)).toEqual([
      event(2, { event: 'pin-verify', outcome: 'wrong-pin', fields: undefined }),
      event(1),
      event(0),
    ]);
    expect(await journal.recent(10)).toEqual([entry(3)]);
    const text = await readFile(path.join(dir, managerFileName(clock.now())), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
  });

  it('a malformed event is dropped, digit runs in details are masked', async () => {
    const dir = await tempDir();
    const journal = await openJournal({ dir, now: () => new Date(2025, 5, 15, 12) });
    journal.recordManagerEvent({ ...event(1), event: 'format-disk' } as unknown as ManagerEvent);
    journal.recordManagerEvent(event(2, { detail: 'card 111950000052400125' }));
    expect(await journal.recentManagerEvents(10)).toEqual([event(2, { detail: 'card 1119…0125' })]);
  });
});
