/**
 * The Linux kiosk files the .deb ships and docs/DEPLOYMENT.md quotes: the cage unit and the logind
 * drop-in. A kiosk that a VT switch leaves, or that never starts on a multi-user default target, or
 * that stays "failed" after a crash loop, is checked for here line by line; `systemd-analyze verify`
 * (systemd's own parser and dependency check) runs where systemd is installed (CI installs it).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../../..');
const dir = path.join(repo, 'apps/desktop/build/linux');
const UNIT = 'balancedesk-kiosk.service';
const LOGIND = 'logind-balancedesk.conf';

type Ini = Map<string, Map<string, string[]>>;

/** systemd's unit syntax, as far as these files use it: sections, `Key=value`, repeated keys, `#`/`;` comments. */
function parseIni(text: string): Ini {
  const sections: Ini = new Map();
  let current: Map<string, string[]> | undefined;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[([A-Za-z]+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1] as string, current);
      continue;
    }
    const pair = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!pair || !current) throw new Error(`line ${index + 1} is not Key=value inside a section: ${line}`);
    const [, key, value] = pair as unknown as [string, string, string];
    current.set(key, [...(current.get(key) ?? []), value]);
  }
  return sections;
}

const values = (ini: Ini, section: string, key: string): string[] => ini.get(section)?.get(key) ?? [];
const words = (ini: Ini, section: string, key: string): string[] =>
  values(ini, section, key).flatMap((v) => v.split(/\s+/).filter(Boolean));
const last = (ini: Ini, section: string, key: string): string | undefined => values(ini, section, key).at(-1);

describe('the cage kiosk unit', async () => {
  const unit = parseIni(await readFile(path.join(dir, UNIT), 'utf8'));

  it('starts cage without -s, so VT switching stays off', () => {
    const exec = last(unit, 'Service', 'ExecStart') ?? '';
    const [command, ...args] = exec.split(/\s+/);
    expect(command).toBe('/usr/bin/cage');
    const cageOptions = args.slice(0, args.indexOf('--'));
    expect(args).toContain('--');
    // -s, or -s folded into a group such as -sd, allows Ctrl+Alt+Fn.
    expect(cageOptions.filter((o) => /^-[a-zA-Z]*s/.test(o))).toEqual([]);
    expect(args.slice(args.indexOf('--') + 1)[0]).toBe('/opt/BalanceDesk/balance-desk');
  });

  it('waits for logind and D-Bus, which cage needs for its seat', () => {
    for (const key of ['Wants', 'After'])
      expect(words(unit, 'Unit', key)).toEqual(
        expect.arrayContaining(['dbus.socket', 'systemd-logind.service']),
      );
    expect(words(unit, 'Unit', 'After')).toContain('systemd-user-sessions.service');
  });

  it('owns tty1 like a console login', () => {
    expect(words(unit, 'Unit', 'Conflicts')).toContain('getty@tty1.service');
    const service = Object.fromEntries(
      [...(unit.get('Service') ?? new Map<string, string[]>())].map(([k, v]) => [k, v.at(-1)]),
    );
    expect(service).toMatchObject({
      PAMName: 'login',
      TTYPath: '/dev/tty1',
      TTYReset: 'yes',
      TTYVHangup: 'yes',
      TTYVTDisallocate: 'yes',
      StandardInput: 'tty-fail',
      UtmpIdentifier: 'tty1',
      UtmpMode: 'user',
      Restart: 'always',
    });
  });

  it('starts on a multi-user default target too, and is never given up after a crash loop', () => {
    expect(words(unit, 'Install', 'WantedBy')).toContain('multi-user.target');
    expect(last(unit, 'Unit', 'StartLimitIntervalSec')).toBe('0');
  });
});

describe('the logind drop-in', async () => {
  const logind = parseIni(await readFile(path.join(dir, LOGIND), 'utf8'));

  it('spawns no login prompt on any other virtual console', () => {
    expect([...logind.keys()]).toEqual(['Login']);
    expect(last(logind, 'Login', 'NAutoVTs')).toBe('0');
    expect(last(logind, 'Login', 'ReserveVT')).toBe('0');
  });
});

describe('docs/DEPLOYMENT.md', () => {
  it('quotes both files exactly as shipped', async () => {
    const doc = await readFile(path.join(repo, 'docs/DEPLOYMENT.md'), 'utf8');
    for (const name of [UNIT, LOGIND]) {
      const text = await readFile(path.join(dir, name), 'utf8');
      expect(doc, `${name} is quoted verbatim`).toContain(text.trimEnd());
    }
  });
});

const systemdAnalyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => existsSync(p));

describe.skipIf(systemdAnalyze === undefined)('systemd-analyze verify', () => {
  it('accepts the unit without a warning', async () => {
    // A throw-away root with this machine's stock units, the unit in /etc and a stand-in cage
    // (verify checks that ExecStart's program exists, and cage is not installed on a build machine).
    const root = await mkdtemp(path.join(os.tmpdir(), 'bd-systemd-root-'));
    try {
      await cp('/usr/lib/systemd/system', path.join(root, 'usr/lib/systemd/system'), { recursive: true });
      await mkdir(path.join(root, 'etc/systemd/system'), { recursive: true });
      await cp(path.join(dir, UNIT), path.join(root, 'etc/systemd/system', UNIT));
      await mkdir(path.join(root, 'usr/bin'), { recursive: true });
      await writeFile(path.join(root, 'usr/bin/cage'), '#!/bin/sh\n');
      await chmod(path.join(root, 'usr/bin/cage'), 0o755);
      const run = promisify(execFile);
      const result = await run(systemdAnalyze as string, [
        'verify',
        `--root=${root}`,
        `/etc/systemd/system/${UNIT}`,
      ]).catch((error: { stdout?: string; stderr?: string; code?: number }) => error);
      // verify exits 0 on "Unknown key" and bad values too: any output is a finding.
      expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).toBe('');
      expect('code' in result ? result.code : 0).toBe(0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
