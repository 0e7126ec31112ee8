import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { closeDecision, guardWindowClose, type ExitReason } from './close-guard';

describe('closeDecision', () => {
  it.each<[boolean, ExitReason | undefined, 'allow' | 'refuse', string]>([
    [false, undefined, 'allow', 'kiosk off: an ordinary window'],
    [true, undefined, 'refuse', 'kiosk on: Alt+F4, taskbar close, WM_CLOSE, window.close()'],
    [true, 'kiosk-exit', 'allow', 'the manager left kiosk with the PIN'],
    [true, 'os-shutdown', 'allow', 'powerMonitor shutdown (Linux, macOS)'],
    [true, 'session-end', 'allow', 'Windows shutdown, restart or log-off'],
    [true, 'app-quit', 'allow', 'app.quit() from a signal (SIGTERM from a session manager)'],
    [false, 'kiosk-exit', 'allow', 'kiosk already off when the exit arrives'],
  ])('kiosk %s, exit %s → %s (%s)', (kiosk, exit, expected) => {
    expect(closeDecision(kiosk, exit)).toBe(expected);
  });
});

function setup(kiosk = true) {
  const win = new EventEmitter();
  const app = Object.assign(new EventEmitter(), { quits: 0, quit: () => void app.quits++ });
  const powerMonitor = new EventEmitter();
  const warnings: string[] = [];
  const state = { kiosk };
  const guard = guardWindowClose(win as never, {
    app: app as never,
    powerMonitor: powerMonitor as never,
    kioskActive: () => state.kiosk,
    logger: { info() {}, warn: (m: string) => void warnings.push(m), error() {} },
  });
  const close = (): boolean => {
    let prevented = false;
    win.emit('close', { preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { win, app, powerMonitor, guard, state, warnings, close };
}

describe('guardWindowClose', () => {
  it('refuses a plain close while kiosk is on, and follows kiosk being switched off', () => {
    const { close, state, warnings } = setup(true);
    expect(close()).toBe(true);
    expect(warnings).toEqual(['window close refused: kiosk is on (a manager leaves it with the PIN)']);
    state.kiosk = false;
    expect(close()).toBe(false);
  });

  it('lets the window close once the PIN-checked kiosk exit is recorded', () => {
    const { close, guard } = setup(true);
    guard.allowExit('kiosk-exit');
    expect(close()).toBe(false);
    expect(guard.exit).toBe('kiosk-exit');
  });

  it('an app quit (before-quit) lets the window close; the first reason is kept', () => {
    const { app, close, guard } = setup(true);
    guard.allowExit('kiosk-exit');
    app.emit('before-quit', { preventDefault() {} });
    expect(guard.exit).toBe('kiosk-exit');
    expect(close()).toBe(false);

    const other = setup(true);
    other.app.emit('before-quit', { preventDefault() {} });
    expect(other.guard.exit).toBe('app-quit');
    expect(other.close()).toBe(false);
  });

  it('an OS shutdown (powerMonitor) quits the app and lets the window close', () => {
    const { powerMonitor, app, close, guard } = setup(true);
    powerMonitor.emit('shutdown');
    expect(guard.exit).toBe('os-shutdown');
    expect(app.quits).toBe(1);
    expect(close()).toBe(false);
  });

  it("Windows 'session-end' (no before-quit on Windows) quits and lets the window close", () => {
    const { win, app, close, guard } = setup(true);
    expect(close()).toBe(true);
    win.emit('query-session-end', { reasons: ['logoff'], preventDefault() {} });
    expect(close()).toBe(true); // a query another app may still veto is not an exit
    win.emit('session-end', { reasons: ['logoff'], preventDefault() {} });
    expect(guard.exit).toBe('session-end');
    expect(app.quits).toBe(1);
    expect(close()).toBe(false);
  });
});
