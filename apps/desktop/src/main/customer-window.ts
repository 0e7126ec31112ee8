/**
 * The customer-facing window: on the display the manager chose, full screen, never
 * focusable, showing the view desk-core builds. Which display, and whether bounds still fit, is
 * decided by counter-output's `chooseDisplay` / `validateBounds` (tested in Node); this is wiring.
 */
import {
  CUSTOMER_VIEW_EVENT,
  type CustomerDisplaySettings,
  type CustomerViewUpdate,
  type DisplayOption,
} from '@balance-desk/contract';
import {
  chooseDisplay,
  validateBounds,
  type DisplayInfo,
  type Logger,
  type Rect,
} from '@balance-desk/desk-core';
import { BrowserWindow } from 'electron';

/** The parts of Electron's `screen` used here. */
export interface ScreenLike {
  getAllDisplays(): DisplayInfo[];
  getPrimaryDisplay(): { id: number };
  on(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: () => void): unknown;
  removeListener(event: string, listener: () => void): unknown;
}

interface CustomerViews {
  current(): CustomerViewUpdate;
  subscribe(listener: (update: CustomerViewUpdate) => void): () => void;
}

export interface CustomerWindowOptions {
  screen: ScreenLike;
  /** `out/preload/customer.js`: the view subscription only. */
  preload: string;
  /** `app://balance-desk/customer.html` (the same origin, CSP and session rules as the cashier window). */
  url: string;
  views: CustomerViews;
  logger: Logger;
}

/** The displays for the settings form (`customer:displays`). */
export function listDisplays(screen: ScreenLike): DisplayOption[] {
  const primary = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((d) => ({
    id: d.id,
    width: Math.round(d.bounds.width),
    height: Math.round(d.bounds.height),
    primary: d.id === primary,
  }));
}

function createCustomerBrowserWindow(preload: string, bounds: Rect): BrowserWindow {
  return new BrowserWindow({
    title: 'BalanceDesk · Customer',
    ...bounds,
    show: false,
    frame: false,
    /** Never takes keyboard or scanner focus from the cashier window. */
    focusable: false,
    skipTaskbar: true,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    // The cashier window's rules (window.ts), inline so static analysis sees them here too.
    webPreferences: {
      preload,
      /** Electron security checklist #3 "Enable context isolation". */
      contextIsolation: true,
      /** Checklist #4 "Enable process sandboxing". */
      sandbox: true,
      /** Checklist #2: no Node integration. */
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      /** Checklist #6 "Do not disable webSecurity". */
      webSecurity: true,
      /** Checklist #8 "Do not enable allowRunningInsecureContent". */
      allowRunningInsecureContent: false,
      /** Checklist #9 "Do not enable experimental features". */
      experimentalFeatures: false,
      /** Checklist #10: disable middle-click opening links. */
      disableBlinkFeatures: 'Auxclick',
      /** Checklist #11/#12: no <webview>. */
      webviewTag: false,
      /** Checklist #13: dropping a file must not navigate. */
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
      safeDialogs: true,
    },
  });
}

export interface CustomerWindowController {
  /** Opens, moves or closes the window to match the setting and today's displays. */
  apply(settings: CustomerDisplaySettings): void;
  /** The cashier window is gone: so is this one. */
  close(): void;
}

export function createCustomerWindow(options: CustomerWindowOptions): CustomerWindowController {
  const { screen, logger } = options;
  let win: BrowserWindow | null = null;
  let wanted: CustomerDisplaySettings | null = null;
  let stopViews: (() => void) | undefined;

  const send = (update: CustomerViewUpdate): void => {
    if (win !== null && !win.isDestroyed()) win.webContents.send(CUSTOMER_VIEW_EVENT, update.view);
  };

  const close = (): void => {
    stopViews?.();
    stopViews = undefined;
    if (win !== null && !win.isDestroyed()) win.destroy();
    win = null;
  };

  /** `setBounds` onto the display first, then full screen: full screen takes the display it is on. */
  const place = (target: DisplayInfo, displays: DisplayInfo[]): void => {
    if (win === null) return;
    // Already full screen over exactly that display: nothing to do (display events come often).
    const now = win.getBounds();
    const b = target.bounds;
    if (
      win.isFullScreen() &&
      now.x === b.x &&
      now.y === b.y &&
      now.width === b.width &&
      now.height === b.height
    )
      return;
    if (win.isFullScreen()) win.setFullScreen(false);
    // Checked against today's displays, so the window is never put off-screen.
    win.setBounds(validateBounds(b, displays)?.bounds ?? b);
    win.setFullScreen(true);
  };

  const reconcile = (): void => {
    if (wanted === null || !wanted.enabled) return close();
    const displays = screen.getAllDisplays();
    const target = chooseDisplay(displays, wanted.displayId, screen.getPrimaryDisplay().id);
    // Its display is gone (or there is only the cashier's): the window goes, and comes back with it.
    if (target === null) return close();
    if (win === null) {
      const opened = createCustomerBrowserWindow(options.preload, target.bounds);
      win = opened;
      opened.on('closed', () => {
        if (win === opened) close();
      });
      opened.webContents.on('did-finish-load', () => send(options.views.current()));
      // Shown without taking focus: the cashier keeps typing and scanning in the main window.
      opened.once('ready-to-show', () => opened.showInactive());
      stopViews = options.views.subscribe(send);
      opened
        .loadURL(options.url)
        .catch((error: unknown) => logger.error('customer window: load failed', { error }));
      logger.info('customer window opened', { displayId: target.id });
    }
    place(target, displays);
  };

  for (const event of ['display-added', 'display-removed', 'display-metrics-changed'] as const)
    screen.on(event, reconcile);

  return {
    apply(settings) {
      wanted = settings;
      reconcile();
    },
    close() {
      wanted = null;
      for (const event of ['display-added', 'display-removed', 'display-metrics-changed'])
        screen.removeListener(event, reconcile);
      close();
    },
  };
}
