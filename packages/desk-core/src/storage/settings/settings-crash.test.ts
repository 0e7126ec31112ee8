import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openSettingsStore } from './settings-store';
import { useTempDirs } from '../../test-support/storage-helpers';

const tempDir = useTempDirs();
const here = path.dirname(fileURLToPath(import.meta.url));
const writer = path.join(here, '../../test-support/fixtures/crash-writer.ts');
const repoRoot = path.resolve(here, '../../../../..');

/** Runs the writer in a real child process that SIGKILLs itself at `point`; resolves with how it ended. */
function crashWriter(
  dir: string,
  point: 'after-temp-created' | 'after-rename',
  shopName: string,
): Promise<{ signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, point, shopName], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, stdout, stderr }));
  });
}

describe('settings store: atomic write across a crash', () => {
  it('a kill after the temp file is created but before the rename leaves the OLD complete settings', async () => {
    const dir = await tempDir();
    const store = await openSettingsStore({ dir });
    await store.update({ appKey: 'K', brandId: 'B', shopId: 'S', shopName: 'OLD' });

    const run = await crashWriter(dir, 'after-temp-created', 'NEW');
    expect(run.stderr).toBe('');
    expect(run.signal).toBe('SIGKILL');
    const leftovers = await readdir(dir);
    const isTemp = (name: string): boolean => /^settings\.json\.\d+$/.test(name);
    expect(leftovers.some(isTemp)).toBe(true); // the crash really happened mid-write

    const reopened = await openSettingsStore({ dir });
    expect(reopened.get()).toMatchObject({ appKey: 'K', brandId: 'B', shopId: 'S', shopName: 'OLD' });
    expect(reopened.notices()).toEqual([]);
    expect((await readdir(dir)).some(isTemp)).toBe(false); // cleaned on open
  });

  it('a kill right after the rename leaves the NEW settings (and the old one as .bak)', async () => {
    const dir = await tempDir();
    const store = await openSettingsStore({ dir });
    await store.update({ shopName: 'OLD' });

    const run = await crashWriter(dir, 'after-rename', 'NEW');
    expect(run.signal).toBe('SIGKILL');
    expect(run.stdout).toBe('');

    const reopened = await openSettingsStore({ dir });
    expect(reopened.get().shopName).toBe('NEW');
    expect(reopened.notices()).toEqual([]);
    expect(JSON.parse(await readFile(path.join(dir, 'settings.json.bak'), 'utf8'))).toMatchObject({
      shopName: 'OLD',
    });
  });
});
