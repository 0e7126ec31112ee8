/**
 * Kiosk mode (docs/DEPLOYMENT.md): full screen, no menu, no devtools, shortcuts swallowed, display
 * kept awake. Turned on/off from settings at start and whenever settings change. Electron's kiosk
 * is only a full-screen window on Windows/Linux: locking the OS session down is IT's job
 * (docs/DEPLOYMENT.md — Shell Launcher / Assigned Access, cage).
 */
import type { BrowserWindow, PowerSaveBlocker } from 'electron';
import type { Logger } from '@balance-desk/desk-core';
import { isBlockedShortcut } from './shortcuts';

export interface KioskController {
  apply(on: boolean): void;
  readonly active: boolean;
}

export interface KioskDeps {
  powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop' | 'isStarted'>;
  logger: Logger;
  /** Packaged builds never keep devtools open, kiosk or not. */
  packaged: boolean;
}

export function createKioskController(win: BrowserWindow, deps: KioskDeps): KioskController {
  let active = false;
  let blockerId: number | undefined;
  const contents = win.webContents;

  contents.on('before-input-event', (event, input) => {
    if (active && isBlockedShortcut(input)) event.preventDefault();
  });
  contents.on('devtools-opened', () => {
    if (active || deps.packaged) contents.closeDevTools();
  });

  return {
    apply(on) {
      if (win.isDestroyed()) return;
      active = on;
      win.setKiosk(on);
      win.setFullScreen(on);
      win.setAutoHideMenuBar(true);
      win.setMenuBarVisibility(false);
      if (on) {
        if (contents.isDevToolsOpened()) contents.closeDevTools();
        if (blockerId === undefined || !deps.powerSaveBlocker.isStarted(blockerId))
          blockerId = deps.powerSaveBlocker.start('prevent-display-sleep');
      } else if (blockerId !== undefined) {
        deps.powerSaveBlocker.stop(blockerId);
        blockerId = undefined;
      }
      deps.logger.info('kiosk mode', { on });
    },
    get active() {
      return active;
    },
  };
}
