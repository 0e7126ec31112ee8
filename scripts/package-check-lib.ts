/** The parts of `pnpm package:check` that need no build: the stand-in Electron and the inspections. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** @electron/fuses' marker: the fuse wire follows it as version byte, length byte, one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse order of wire version 1 (@electron/fuses FuseV1Options). */
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
/** Electron's shipped defaults, so a fuse electron-builder forgot to flip shows up. */
const ELECTRON_DEFAULT_WIRE = '10110001';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * A directory shaped like Electron's linux-x64 zip: the `electron` binary (a shell script carrying a
 * real fuse wire), the sandbox and crash handler helpers, licences, `version`, `resources/`.
 */
export async function writeStandInElectron(dir: string, version: string): Promise<void> {
  await mkdir(path.join(dir, 'resources'), { recursive: true });
  await mkdir(path.join(dir, 'locales'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE),
  ]);
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron: package:check only"\nexit 0\n# '),
    wire,
    Buffer.from('\n'),
  ]);
  await writeFile(path.join(dir, 'electron'), binary, { mode: 0o755 });
  for (const helper of ['chrome-sandbox', 'chrome_crashpad_handler'])
    await writeFile(path.join(dir, helper), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  await writeFile(path.join(dir, 'LICENSE'), 'stand-in Electron license\n');
  await writeFile(path.join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n');
  await writeFile(path.join(dir, 'version'), version);
  await writeFile(path.join(dir, 'locales', 'en-US.pak'), 'stand-in');
}

/** The fuse wire of a packaged binary as `{ runAsNode: false, … }`. */
export function readFuses(binary: Buffer): Record<string, boolean | 'removed'> | undefined {
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at === -1) return undefined;
  const start = at + FUSE_SENTINEL.length + 2;
  const length = binary[at + FUSE_SENTINEL.length + 1] ?? 0;
  const out: Record<string, boolean | 'removed'> = {};
  for (let i = 0; i < Math.min(length, FUSES.length); i++) {
    const byte = binary[start + i];
    out[FUSES[i] as string] = byte === 0x31 ? true : byte === 0x30 ? false : 'removed';
  }
  return out;
}

/** The web preview's browser client: `pnpm build` writes it into out/, the app must not carry it. */
const WEB_PREVIEW_OUT = '/out/web-preview';

/** Every asar entry is `/package.json` or under `/out/` (but not the web preview's client), and no source map got in. */
export function checkAsarEntries(entries: readonly string[]): CheckResult {
  const normal = entries.map((e) => e.replaceAll('\\', '/'));
  const stray = normal.filter(
    (e) =>
      !(e === '/package.json' || e === '/out' || e.startsWith('/out/')) ||
      e === WEB_PREVIEW_OUT ||
      e.startsWith(`${WEB_PREVIEW_OUT}/`),
  );
  const maps = normal.filter((e) => e.endsWith('.map'));
  const required = [
    '/package.json',
    '/out/main/index.js',
    '/out/preload/index.js',
    '/out/preload/customer.js',
    '/out/renderer/index.html',
    '/out/renderer/customer.html',
  ];
  const missing = required.filter((r) => !normal.includes(r));
  const problems = [
    ...stray.slice(0, 10).map((e) => `unexpected ${e}`),
    ...maps.slice(0, 10).map((e) => `source map ${e}`),
    ...missing.map((e) => `missing ${e}`),
  ];
  return {
    name: 'app.asar holds only out/** (without out/web-preview) and package.json',
    ok: problems.length === 0,
    detail: problems.length === 0 ? `${normal.length} entries` : problems.join('; '),
  };
}

/** fpm's `--key value` pairs (repeated keys collected) and its `src=dst` payload mappings. */
export function parseFpmArgs(args: readonly string[]): {
  options: Map<string, string[]>;
  mappings: Map<string, string>;
} {
  const options = new Map<string, string[]>();
  const mappings = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg.startsWith('--') || arg === '-d' || arg === '-s' || arg === '-t') {
      const value = args[i + 1] ?? '';
      options.set(arg, [...(options.get(arg) ?? []), value]);
      i++;
    } else if (arg.includes('=')) {
      const eq = arg.lastIndexOf('=');
      mappings.set(arg.slice(eq + 1), arg.slice(0, eq));
    }
  }
  return { options, mappings };
}
