import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyLinuxAutostart,
  applyStartAtLogin,
  autostartDesktopEntry,
  linuxAutostartFile,
  quoteExecArg,
} from './autostart';

describe('autostartDesktopEntry', () => {
  it('is a valid XDG autostart entry for the executable', () => {
    expect(autostartDesktopEntry({ exec: '/opt/BalanceDesk/balance-desk' })).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.0',
        'Name=BalanceDesk',
        'Comment=Member card balance lookup',
        'Exec=/opt/BalanceDesk/balance-desk',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('quotes arguments per the Desktop Entry spec', () => {
    expect(quoteExecArg('/home/pos/Apps/BalanceDesk-0.1.0.AppImage')).toBe(
      '/home/pos/Apps/BalanceDesk-0.1.0.AppImage',
    );
    expect(quoteExecArg('/home/pos/My Apps/BalanceDesk.AppImage')).toBe(
      '"/home/pos/My Apps/BalanceDesk.AppImage"',
    );
    expect(quoteExecArg('/opt/a$b')).toBe('"/opt/a\\\\$b"');
    expect(quoteExecArg('/opt/a"b')).toBe('"/opt/a\\\\"b"');
    // A literal backslash takes four (spec: "\\\\" in a quoted argument).
    expect(quoteExecArg('/opt/a\\b')).toBe('"/opt/a\\\\\\\\b"');
    expect(quoteExecArg('/opt/100%')).toBe('/opt/100%%');
    expect(quoteExecArg('')).toBe('""');
    expect(autostartDesktopEntry({ exec: '/opt/x y/app', args: ['--provision', '/etc/p.json'] })).toContain(
      'Exec="/opt/x y/app" --provision /etc/p.json\n',
    );
  });

  it('refuses a command with a line break (it would inject keys into the file)', () => {
    expect(() => quoteExecArg('/opt/app\nX-Evil=1')).toThrow(/line breaks/);
  });
});

describe('linux autostart file', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'bd-home-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('lives in ~/.config/autostart, or in an absolute $XDG_CONFIG_HOME', () => {
    expect(linuxAutostartFile({}, home)).toBe(
      path.join(home, '.config', 'autostart', 'balance-desk.desktop'),
    );
    expect(linuxAutostartFile({ XDG_CONFIG_HOME: '/srv/cfg' }, home)).toBe(
      '/srv/cfg/autostart/balance-desk.desktop',
    );
    expect(linuxAutostartFile({ XDG_CONFIG_HOME: 'relative/cfg' }, home)).toBe(
      path.join(home, '.config', 'autostart', 'balance-desk.desktop'),
    );
  });

  it('writes, keeps, then removes the entry', async () => {
    const file = linuxAutostartFile({}, home);
    const target = { exec: '/opt/BalanceDesk/balance-desk' };
    expect(await applyLinuxAutostart(true, file, target)).toBe('written');
    expect(await readFile(file, 'utf8')).toBe(autostartDesktopEntry(target));
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    expect(await applyLinuxAutostart(true, file, target)).toBe('unchanged');
    expect(await applyLinuxAutostart(true, file, { exec: '/opt/New/balance-desk' })).toBe('written');
    expect(await readFile(file, 'utf8')).toContain('Exec=/opt/New/balance-desk\n');
    expect(await applyLinuxAutostart(false, file, target)).toBe('removed');
    await expect(stat(file)).rejects.toThrow();
    expect(await applyLinuxAutostart(false, file, target)).toBe('unchanged');
  });

  it('replaces an entry someone edited by hand', async () => {
    const file = linuxAutostartFile({}, home);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '[Desktop Entry]\nExec=/tmp/evil\n');
    expect(await applyLinuxAutostart(true, file, { exec: '/opt/BalanceDesk/balance-desk' })).toBe('written');
    expect(await readFile(file, 'utf8')).not.toContain('/tmp/evil');
  });
});

describe('applyStartAtLogin', () => {
  it('uses the AppImage path on Linux (the mounted execPath changes every run)', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'bd-home-'));
    try {
      const calls: unknown[] = [];
      const deps = {
        platform: 'linux' as const,
        env: { APPIMAGE: '/home/pos/BalanceDesk.AppImage' },
        home,
        execPath: '/tmp/.mount_Balanc1234/balance-desk',
        setLoginItemSettings: (s: { openAtLogin: boolean }) => calls.push(s),
      };
      expect(await applyStartAtLogin(true, deps)).toBe('written');
      expect(await readFile(linuxAutostartFile({}, home), 'utf8')).toContain(
        'Exec=/home/pos/BalanceDesk.AppImage\n',
      );
      expect(calls).toEqual([]);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it.each(['win32', 'darwin'] as const)('uses login items on %s', async (platform) => {
    const calls: unknown[] = [];
    const deps = {
      platform,
      env: {},
      home: '/nonexistent',
      execPath: 'C:\\x.exe',
      setLoginItemSettings: (s: { openAtLogin: boolean }) => calls.push(s),
    };
    expect(await applyStartAtLogin(true, deps)).toBe('login-item');
    expect(await applyStartAtLogin(false, deps)).toBe('login-item');
    expect(calls).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
  });
});
