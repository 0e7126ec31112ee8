/**
 * BalanceDesk main process: wiring only (docs/ARCHITECTURE.md). Each step is a small module; the logic
 * (settings, vault, lookups, PIN, provisioning) lives in desk-core and is tested without Electron.
 */
import os from 'node:os';
import path from 'node:path';
import {
  app,
  dialog,
  ipcMain,
  Menu,
  powerMonitor,
  powerSaveBlocker,
  protocol,
  safeStorage,
  screen,
  session,
  type BrowserWindow,
} from 'electron';
import { createDesk, dispatchIpc, noopLogger, type Desk, type Logger } from '@balance-desk/desk-core';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { applyStartAtLogin } from './autostart';
import { guardWindowClose } from './close-guard';
import { createCrashLoopBreaker } from './crash-loop';
import { watchCrashes } from './crash-recovery';
import { createCustomerWindow, listDisplays } from './customer-window';
import { rendererEntry, wellKnownProvisionPaths } from './environment';
import { CRASH_PAGE_PATH, FALLBACK_ASSETS } from './fallback-page';
import { registerIpc } from './ipc';
import { createKioskController } from './kiosk';
import { createFileLogger } from './logger';
import { safeStorageCipher } from './safe-storage-cipher';
import { applySessionRules } from './session-rules';
import { createSlipPrinter } from './slip-printer';
import { sessionProxyResolver } from './system-proxy';
import { applyWebContentsRules } from './web-contents-rules';
import { applicationMenu, createMainWindow, focusWindow } from './window';

let mainWindow: BrowserWindow | null = null;
let desk: Desk | undefined;
let logger: Logger = noopLogger;

// Must happen before `ready`; the scheme gets a real origin and a secure context (app-protocol.ts).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
// Electron security checklist #4: every renderer sandboxed, whatever its webPreferences say.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another BalanceDesk runs on this account: it gets focused by its 'second-instance' handler.
  app.quit();
} else {
  app.on('second-instance', () => focusWindow(mainWindow));
  app.on('web-contents-created', (_event, contents) => applyWebContentsRules(contents, logger));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', closeDeskThenQuit);
  app.whenReady().then(start, fail);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  logger = createFileLogger({ dir: path.join(userData, 'logs'), echo: !app.isPackaged });
  logger.info('starting', {
    version: app.getVersion(),
    platform: process.platform,
    packaged: app.isPackaged,
  });

  const entry = rendererEntry(app.isPackaged, process.env);
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ root: path.join(__dirname, '../renderer'), builtins: FALLBACK_ASSETS }),
  );
  applySessionRules(session.defaultSession, { allowedOrigins: entry.requestOrigins, logger });
  Menu.setApplicationMenu(applicationMenu(process.platform));

  const deskInstance = await createDesk({
    dataDir: userData,
    cipher: safeStorageCipher(safeStorage, process.platform),
    version: app.getVersion(),
    argv: process.argv,
    wellKnownProvisionPaths: wellKnownProvisionPaths(process.platform, process.env, userData),
    logger,
    // Without a proxy in settings, lookups follow the system proxy the way Chromium resolves it.
    proxyResolver: sessionProxyResolver(session.defaultSession),
    // Slips for OS printers: a hidden window per slip; the printer list comes from the cashier window.
    slipPrinter: createSlipPrinter(() => mainWindow?.webContents ?? null),
    // The customer display's setting lists these (customer:displays).
    displays: () => listDisplays(screen),
  });
  desk = deskInstance;
  const settings = await deskInstance.call('settings:get', {});

  const win = createMainWindow({
    preload: path.join(__dirname, '../preload/index.js'),
    kiosk: settings.kiosk,
    devTools: !app.isPackaged && !settings.kiosk,
  });
  mainWindow = win;
  // The customer-facing window: opened, moved or closed as its setting and the displays say.
  const customerWindow = createCustomerWindow({
    screen,
    preload: path.join(__dirname, '../preload/customer.js'),
    url: new URL('customer.html', entry.url).href,
    views: deskInstance.customerView,
    logger,
  });
  customerWindow.apply(settings.customerDisplay);
  win.on('closed', () => {
    mainWindow = null;
    customerWindow.close();
  });

  registerIpc(ipcMain, deskInstance, () => mainWindow, {
    expectedOrigin: entry.origin,
    dispatch: dispatchIpc,
    logger,
  });
  watchCrashes(win, app, {
    entryUrl: entry.url,
    crashPageUrl: `${APP_ORIGIN}${CRASH_PAGE_PATH}`,
    breaker: createCrashLoopBreaker(),
    logger,
  });

  const kiosk = createKioskController(win, { powerSaveBlocker, logger, packaged: app.isPackaged });
  kiosk.apply(settings.kiosk);
  const closeGuard = guardWindowClose(win, { app, powerMonitor, kioskActive: () => kiosk.active, logger });
  const startAtLogin = (enabled: boolean) => {
    // An unpackaged app would register the bare Electron binary.
    if (!app.isPackaged) return;
    applyStartAtLogin(enabled, {
      platform: process.platform,
      env: process.env,
      home: os.homedir(),
      execPath: process.execPath,
      setLoginItemSettings: (s) => app.setLoginItemSettings(s),
    }).catch((error: unknown) => logger.error('start at login not applied', { error }));
  };
  startAtLogin(settings.startAtLogin);

  deskInstance.onSettingsChanged((view) => {
    kiosk.apply(view.kiosk);
    startAtLogin(view.startAtLogin);
    customerWindow.apply(view.customerDisplay);
  });
  // A manager left kiosk with the PIN (checked in desk-core). On a POS that means IT wants the
  // desktop, so the app gets out of the way entirely instead of lingering as a window.
  deskInstance.onKioskExit(() => {
    logger.info('kiosk exit requested by a manager: quitting');
    closeGuard.allowExit('kiosk-exit');
    kiosk.apply(false);
    app.quit();
  });

  // A failed first load is handled like a crash (crash-recovery.ts: did-fail-load).
  await win.loadURL(entry.url).catch((error: unknown) => logger.error('first load failed', { error }));
}

let deskClosed = false;
function closeDeskThenQuit(event: Electron.Event): void {
  if (deskClosed || desk === undefined) return;
  event.preventDefault();
  deskClosed = true;
  desk
    .close()
    .catch((error: unknown) => logger.error('desk did not close cleanly', { error }))
    .finally(() => app.quit());
}

function fail(error: unknown): void {
  logger.error('startup failed', { error });
  dialog.showErrorBox(
    'BalanceDesk',
    `BalanceDesk could not start. / 余额查询无法启动。\n${error instanceof Error ? error.message : String(error)}`,
  );
  app.exit(1);
}
