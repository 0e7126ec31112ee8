import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAsarEntries, parseFpmArgs, readFuses, writeStandInElectron } from './package-check-lib';

const GOOD = [
  '/out',
  '/out/main',
  '/out/main/index.js',
  '/out/preload/index.js',
  '/out/preload/customer.js',
  '/out/renderer/index.html',
  '/out/renderer/customer.html',
  '/package.json',
];

describe('package:check inspections', () => {
  it('accepts an asar of out/** and package.json', () => {
    expect(checkAsarEntries(GOOD)).toMatchObject({ ok: true });
  });

  it.each([
    ['a source file', '/packages/desk-core/src/index.ts', /unexpected \/packages/],
    ['node_modules', '/node_modules/zod/index.js', /unexpected \/node_modules/],
    ['a source map', '/out/main/index.js.map', /source map/],
    ['the workspace manifest', '/pnpm-workspace.yaml', /unexpected/],
    ['the web preview client', '/out/web-preview/bridge-client.js', /unexpected \/out\/web-preview/],
  ])('rejects %s', (_name, entry, problem) => {
    const result = checkAsarEntries([...GOOD, entry]);
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(problem);
  });

  it('rejects an asar without the built main', () => {
    expect(checkAsarEntries(GOOD.filter((e) => e !== '/out/main/index.js')).detail).toMatch(
      /missing \/out\/main\/index\.js/,
    );
  });

  it("the stand-in Electron carries a fuse wire with Electron's defaults", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bd-stand-in-'));
    try {
      await writeStandInElectron(dir, '45.5.0');
      expect((await readdir(dir)).sort()).toEqual([
        'LICENSE',
        'LICENSES.chromium.html',
        'chrome-sandbox',
        'chrome_crashpad_handler',
        'electron',
        'locales',
        'resources',
        'version',
      ]);
      expect(readFuses(await readFile(path.join(dir, 'electron')))).toEqual({
        runAsNode: true,
        enableCookieEncryption: false,
        enableNodeOptionsEnvironmentVariable: true,
        enableNodeCliInspectArguments: true,
        enableEmbeddedAsarIntegrityValidation: false,
        onlyLoadAppFromAsar: false,
        loadBrowserProcessSpecificV8Snapshot: false,
        grantFileProtocolExtraPrivileges: true,
      });
      expect(readFuses(Buffer.from('no wire here'))).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads fpm options and payload mappings', () => {
    const { options, mappings } = parseFpmArgs([
      '--architecture',
      'amd64',
      '--name',
      'balance-desk',
      '-d',
      'libnss3',
      '-d',
      'libsecret-1-0',
      '/tmp/x/linux-unpacked/=/opt/BalanceDesk',
      '/tmp/y.desktop=/usr/share/applications/balance-desk.desktop',
    ]);
    expect(options.get('--name')).toEqual(['balance-desk']);
    expect(options.get('-d')).toEqual(['libnss3', 'libsecret-1-0']);
    expect([...mappings.keys()]).toEqual([
      '/opt/BalanceDesk',
      '/usr/share/applications/balance-desk.desktop',
    ]);
  });
});
