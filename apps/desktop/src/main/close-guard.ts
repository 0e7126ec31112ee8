/**
 * In kiosk mode, leaving needs the manager PIN, and closing the window is leaving it
 * (docs/DEPLOYMENT.md "Kiosk mode").
 * A taskbar "Close window", a window manager's close button, `taskkill` (WM_CLOSE) or the
 * renderer's `window.close()` never pass through the keyboard, so swallowing Alt+F4 in
 * `before-input-event` (shortcuts.ts) cannot be the whole answer. All of them arrive as the
 * window's `close` event, which is refused here while kiosk is on, unless the app is already on
 * its way out for a reason that is allowed to end it. Both layers stay: electron/electron#13910
 * reported Windows closing a window on Alt+F4 although its `close` event was prevented, so
 * shortcuts.ts swallows the key as well. Whether they hold on a given Windows build shows only on a
 * real desktop: Alt+F4 and the taskbar's "Close window" are on the manual Windows 10/11 checklist
 * (docs/ACCEPTANCE.md).
 */
import type { App, BrowserWindow, PowerMonitor } from 'electron';
import type { Logger } from '@balance-desk/desk-core';

/**
 * Why the app may be leaving:
 * - `kiosk-exit`: a manager left kiosk with the PIN (checked in desk-core).
 * - `os-shutdown`: `powerMonitor` 'shutdown' (Linux, macOS) — the machine is going down.
 * - `session-end`: the window's 'session-end' (Windows shutdown, restart, log-off or the Restart
 *   Manager). Windows emits no `before-quit` then (Electron docs), so it needs its own signal.
 * - `app-quit`: any other `app.quit()`. Nothing in BalanceDesk calls it while the window is open
 *   except the kiosk exit; from outside it means SIGTERM/SIGINT/SIGHUP (Electron quits on them:
 *   a session manager, systemd or cage stopping the app, which a cashier cannot send from the
 *   screen) or macOS's Dock / Cmd+Q, which kiosk presentation hides and shortcuts.ts swallows.
 */
export type ExitReason = 'kiosk-exit' | 'os-shutdown' | 'session-end' | 'app-quit';

export type CloseDecision = 'allow' | 'refuse';

/** The whole rule, pure: a kiosk window closes only when the app is already leaving. */
export function closeDecision(kioskActive: boolean, exit: ExitReason | undefined): CloseDecision {
  if (!kioskActive) return 'allow';
  return exit === undefined ? 'refuse' : 'allow';
}

export interface CloseGuard {
  /** Record that the app is leaving for `reason` (the first reason recorded is kept). */
  allowExit(reason: ExitReason): void;
  readonly exit: ExitReason | undefined;
}

export interface CloseGuardDeps {
  app: Pick<App, 'on' | 'quit'>;
  powerMonitor: Pick<PowerMonitor, 'on'>;
  /** Read at each close: kiosk can be switched in settings while the window is open. */
  kioskActive: () => boolean;
  logger: Logger;
}

type GuardedWindow = Pick<BrowserWindow, 'on'>;

export function guardWindowClose(win: GuardedWindow, deps: CloseGuardDeps): CloseGuard {
  let exit: ExitReason | undefined;
  const allowExit = (reason: ExitReason): void => {
    exit ??= reason;
  };
  /** The OS is ending the session: leave now, so desk-core closes its files cleanly. */
  const leaveForOs = (reason: ExitReason): void => {
    allowExit(reason);
    deps.logger.info('the operating system is ending the session: quitting', { reason });
    deps.app.quit();
  };

  deps.app.on('before-quit', () => allowExit('app-quit'));
  deps.powerMonitor.on('shutdown', () => leaveForOs('os-shutdown'));
  // 'query-session-end' is only a question another app may still veto; 'session-end' is final.
  win.on('session-end', () => leaveForOs('session-end'));

  win.on('close', (event) => {
    if (closeDecision(deps.kioskActive(), exit) === 'allow') return;
    event.preventDefault();
    deps.logger.warn('window close refused: kiosk is on (a manager leaves it with the PIN)');
  });

  return {
    allowExit,
    get exit() {
      return exit;
    },
  };
}
