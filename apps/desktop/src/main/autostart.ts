/**
 * "Start at login" (a manager setting). Windows and macOS: Electron's login items. Linux has no
 * such API: an XDG autostart entry in `$XDG_CONFIG_HOME/autostart` (default `~/.config/autostart`),
 * https://specifications.freedesktop.org/autostart-spec/latest/
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';

const AUTOSTART_FILE_NAME = 'balance-desk.desktop';

/** Characters that force an Exec argument into double quotes (Desktop Entry spec, "The Exec key"). */
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One Exec argument. Quoting escapes `"`, `` ` ``, `$` and `\`; then the string-value escape doubles
 * every backslash again (the spec applies it first when reading). `%` is doubled: it starts field codes.
 */
export function quoteExecArg(arg: string): string {
  if (/[\n\r\0]/.test(arg)) throw new Error('an autostart command cannot contain line breaks');
  const percent = arg.replace(/%/g, '%%');
  if (percent !== '' && !RESERVED.test(percent)) return percent;
  const quoted = `"${percent.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  return quoted.replace(/\\/g, '\\\\');
}

export interface AutostartTarget {
  /** The executable: `process.env.APPIMAGE` for an AppImage (its mount path changes each run), else `process.execPath`. */
  exec: string;
  args?: readonly string[];
}

export function autostartDesktopEntry(target: AutostartTarget): string {
  const exec = [target.exec, ...(target.args ?? [])].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=BalanceDesk',
    'Comment=Member card balance lookup',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function linuxAutostartFile(env: NodeJS.ProcessEnv, home: string): string {
  const configHome = env['XDG_CONFIG_HOME'];
  const base =
    configHome !== undefined && path.isAbsolute(configHome) ? configHome : path.join(home, '.config');
  return path.join(base, 'autostart', AUTOSTART_FILE_NAME);
}

export type AutostartChange = 'written' | 'removed' | 'unchanged';

/** Writes (atomically) or removes the autostart entry; a no-op when it already matches. */
export async function applyLinuxAutostart(
  enabled: boolean,
  file: string,
  target: AutostartTarget,
): Promise<AutostartChange> {
  const current = await fsp.readFile(file, 'utf8').catch(() => undefined);
  if (!enabled) {
    if (current === undefined) return 'unchanged';
    await fsp.rm(file, { force: true });
    return 'removed';
  }
  const wanted = autostartDesktopEntry(target);
  if (current === wanted) return 'unchanged';
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(temp, wanted, { mode: 0o644 });
  await fsp.rename(temp, file);
  return 'written';
}

export interface StartAtLoginDeps {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  execPath: string;
  /** `app.setLoginItemSettings` (Windows, macOS). */
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
}

export async function applyStartAtLogin(
  enabled: boolean,
  deps: StartAtLoginDeps,
): Promise<AutostartChange | 'login-item'> {
  if (deps.platform === 'linux') {
    const exec = deps.env['APPIMAGE'] ?? deps.execPath;
    return applyLinuxAutostart(enabled, linuxAutostartFile(deps.env, deps.home), { exec });
  }
  deps.setLoginItemSettings({ openAtLogin: enabled });
  return 'login-item';
}
