import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Logger } from '../ports';

/** A fresh directory per test, removed afterwards. */
export function useTempDirs(): () => Promise<string> {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bd-storage-'));
    dirs.push(dir);
    return dir;
  };
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/** A logger that keeps every line, so tests can check that no secret was logged. */
export function recordingLogger(): Logger & { lines: LogLine[]; text(): string } {
  const lines: LogLine[] = [];
  const push = (level: LogLine['level']) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, message, ...(fields ? { fields } : {}) });
  return {
    lines,
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
    text: () => JSON.stringify(lines),
  };
}

/** A clock tests move by hand. */
export function manualClock(start = new Date(2025, 0, 15, 12, 0, 0)): {
  now: () => Date;
  advance(ms: number): void;
  set(at: Date): void;
} {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms), set: (at) => void (t = at.getTime()) };
}
