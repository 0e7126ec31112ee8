import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger, redact } from './logger';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bd-logs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readLines = async (file: string) =>
  (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('createFileLogger', () => {
  it('writes JSON lines with level, message and fields to main-<local date>.log', async () => {
    const at = new Date(2025, 4, 17, 9, 30);
    const logger = createFileLogger({ dir, now: () => at });
    logger.info('starting', { version: '1.2.3' });
    logger.error('renderer lost', { cause: 'gpu', error: new Error('boom') });
    expect(path.basename(logger.file)).toBe('main-2025-05-17.log');
    expect(await readLines(logger.file)).toEqual([
      { t: at.toISOString(), level: 'info', msg: 'starting', version: '1.2.3' },
      {
        t: at.toISOString(),
        level: 'error',
        msg: 'renderer lost',
        cause: 'gpu',
        error: { name: 'Error', message: 'boom' },
      },
    ]);
  });

  it('never writes a secret-looking field, however deep', async () => {
    const logger = createFileLogger({ dir });
    logger.warn('settings saved', {
      appKey: '12345678',
      appSecret: 'SECRET-AAA',
      sessionKey: 'SESSION-BBB',
      nested: { managerToken: 'TOKEN-CCC', pin: '987654', sign: 'SIGN-DDD' },
      list: [{ password: 'PW-EEE' }],
    });
    const text = await readFile(logger.file, 'utf8');
    for (const secret of ['SECRET-AAA', 'SESSION-BBB', 'TOKEN-CCC', '987654', 'SIGN-DDD', 'PW-EEE'])
      expect(text).not.toContain(secret);
    expect(text).toContain('12345678');
    expect(redact({ authorization: 'Bearer x', cookie: 'c', url: 'app://x' })).toEqual({
      authorization: '[redacted]',
      cookie: '[redacted]',
      url: 'app://x',
    });
  });

  it('cuts very long values', async () => {
    const logger = createFileLogger({ dir });
    logger.info('x', { body: 'a'.repeat(10_000) });
    const [line] = await readLines(logger.file);
    expect(String(line?.['body']).length).toBeLessThan(600);
  });

  it('rolls a file past maxBytes and starts a new one each day', async () => {
    let now = new Date(2025, 0, 1, 12);
    const logger = createFileLogger({ dir, maxBytes: 300, now: () => now });
    for (let i = 0; i < 10; i++) logger.info('line', { i, pad: 'x'.repeat(60) });
    const day1 = (await readdir(dir)).sort();
    expect(day1).toContain('main-2025-01-01.log');
    expect(day1).toContain('main-2025-01-01.1.log');
    expect(day1).toContain('main-2025-01-01.2.log');
    let total = 0;
    for (const name of day1) {
      const lines = await readLines(path.join(dir, name));
      total += lines.length;
      expect((await readFile(path.join(dir, name))).length).toBeLessThanOrEqual(300);
    }
    expect(total).toBe(10);

    now = new Date(2025, 0, 2, 0, 1);
    logger.info('next day');
    expect(path.basename(logger.file)).toBe('main-2025-01-02.log');
    expect(await readLines(logger.file)).toHaveLength(1);
  });

  it('keeps at most maxFiles files, deleting the oldest', async () => {
    for (let d = 1; d <= 5; d++) {
      const file = path.join(dir, `main-2024-12-0${d}.log`);
      await writeFile(file, '{}\n');
      await utimes(file, new Date(2024, 11, d), new Date(2024, 11, d));
    }
    await writeFile(path.join(dir, 'unrelated.txt'), 'keep me');
    const logger = createFileLogger({ dir, maxFiles: 3, now: () => new Date(2025, 0, 1) });
    logger.info('hello');
    const names = (await readdir(dir)).sort();
    expect(names).toEqual([
      'main-2024-12-04.log',
      'main-2024-12-05.log',
      'main-2025-01-01.log',
      'unrelated.txt',
    ]);
  });

  it('does not throw when the log folder becomes unwritable', async () => {
    const logger = createFileLogger({ dir });
    await rm(dir, { recursive: true, force: true });
    expect(() => logger.info('still alive')).not.toThrow();
  });
});
