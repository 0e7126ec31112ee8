/** The cashier window. Its security preferences are fixed here and nowhere else. */
import { BrowserWindow, Menu } from 'electron';

export interface MainWindowOptions {
  preload: string;
  kiosk: boolean;
  /** False when packaged or in kiosk: `webPreferences.devTools` cannot be turned on later. */
  devTools: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: 'BalanceDesk',
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    show: false,
    backgroundColor: '#1f1f1f',
    autoHideMenuBar: true,
    kiosk: options.kiosk,
    fullscreen: options.kiosk,
    // Inline, so static analysis (electronegativity) sees every option where the window is made.
    webPreferences: {
      preload: options.preload,
      /** Electron security checklist #3 "Enable context isolation" (https://www.electronjs.org/docs/latest/tutorial/security#3-enable-context-isolation). */
      contextIsolation: true,
      /** Checklist #4 "Enable process sandboxing" (#4-enable-process-sandboxing); app.enableSandbox() makes it the default for every renderer too. */
      sandbox: true,
      /** Checklist #2 "Do not enable Node.js integration for remote content" — nor for ours (#2-do-not-enable-nodejs-integration-for-remote-content). */
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      /** Checklist #6 "Do not disable webSecurity" (#6-do-not-disable-websecurity). */
      webSecurity: true,
      /** Checklist #8 "Do not enable allowRunningInsecureContent" (#8-do-not-enable-allowrunninginsecurecontent). */
      allowRunningInsecureContent: false,
      /** Checklist #9 "Do not enable experimental features" (#9-do-not-enable-experimental-features). */
      experimentalFeatures: false,
      /** Checklist #10 "Do not use enableBlinkFeatures" (#10-do-not-use-enableblinkfeatures): we disable one instead — middle-click opening links. */
      disableBlinkFeatures: 'Auxclick',
      /** Checklist #11/#12: no <webview> at all (#11-do-not-use-allowpopups-for-webviews). */
      webviewTag: false,
      /** Checklist #13: dropping a file on the window must not navigate to it. */
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.devTools,
      safeDialogs: true,
    },
  });
  win.once('ready-to-show', () => {
    win.show();
    win.focus();
  });
  return win;
}

/** A second launch brings the running window forward (index.ts, `second-instance`). */
export function focusWindow(win: BrowserWindow | null): void {
  if (win === null || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/**
 * No menu: no View → Reload / Toggle DevTools accelerators. macOS keeps the app and Edit menus
 * only, because copy/paste in the settings form comes from the Edit menu's roles there.
 */
export function applicationMenu(platform: NodeJS.Platform): Menu | null {
  if (platform !== 'darwin') return null;
  return Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]);
}
