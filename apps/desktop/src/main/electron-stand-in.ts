/**
 * Test-only: the thin Electron stand-in the index*.test.ts files boot main against through
 * vi.mock('electron', …), since tests cannot start the Electron binary (docs/ARCHITECTURE.md
 * "Tests"). Kept thin on purpose: it records calls and keeps IPC handlers; the logic under it
 * (desk-core) runs for real. Not imported by main, so never bundled.
 *
 *   const stub = await vi.hoisted(async () => (await import('./electron-stand-in')).createElectronStandIn({ … }));
 *   vi.mock('electron', () => stub.electron);
 */
import { EventEmitter } from 'node:events';

export type IpcListener = (event: unknown, payload: unknown) => Promise<unknown>;

export interface StandInOptions {
  /**
   * `unavailable`: safeStorage reports no encryption (a machine without a keyring).
   * `working`: a reversible stand-in cipher (bytes XOR 0x5a, tagged) behind a libsecret backend,
   * so the vault really stores and reads secrets, never as plain text.
   */
  safeStorage: 'unavailable' | 'working';
}

const TAG = Buffer.from('stand-in:');
const xor = (bytes: Buffer): Buffer => Buffer.from(bytes.map((b) => b ^ 0x5a));

export function createElectronStandIn(options: StandInOptions) {
  const calls: string[] = [];
  const handlers = new Map<string, IpcListener>();
  const windows: FakeWindow[] = [];
  let readyResolve: () => void = () => {};
  const ready = new Promise<void>((r) => (readyResolve = r));
  let loaded: (url: string) => void = () => {};
  const firstLoad = new Promise<string>((r) => (loaded = r));

  class FakeContents extends EventEmitter {
    mainFrame = { url: 'app://balance-desk/index.html', parent: null, detached: false };
    isDevToolsOpened = () => false;
    closeDevTools() {}
    forcefullyCrashRenderer() {}
    setWindowOpenHandler() {}
    getURL = () => 'app://balance-desk/index.html';
  }
  class FakeWindow extends EventEmitter {
    webContents = new FakeContents();
    state: Record<string, unknown> = {};
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      calls.push('new BrowserWindow');
    }
    loadURL(url: string) {
      calls.push(`loadURL ${url}`);
      loaded(url);
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => true;
    restore = () => calls.push('restore');
    show = () => calls.push('show');
    focus = () => calls.push('focus');
    setKiosk = (on: boolean) => (this.state['kiosk'] = on);
    setFullScreen = (on: boolean) => (this.state['fullScreen'] = on);
    setAutoHideMenuBar() {}
    setMenuBarVisibility() {}
    /** What the OS does on Alt+F4 or a taskbar close: emits 'close'; true when a handler refused it. */
    tryClose(): boolean {
      let refused = false;
      this.emit('close', { preventDefault: () => (refused = true) });
      return refused;
    }
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    userData: '',
    enableSandbox: () => calls.push('enableSandbox'),
    requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), true),
    whenReady: () => ready,
    getPath: () => app.userData,
    getVersion: () => '9.9.9',
    quit: () => calls.push('quit'),
    exit: (code: number) => calls.push(`exit ${code}`),
    setLoginItemSettings: () => calls.push('setLoginItemSettings'),
  });

  const working = options.safeStorage === 'working';
  const safeStorage = {
    isAsyncEncryptionAvailable: async () => working,
    encryptStringAsync: async (plain: string) => Buffer.concat([TAG, xor(Buffer.from(plain, 'utf8'))]),
    decryptStringAsync: async (data: Buffer) => {
      if (!data.subarray(0, TAG.length).equals(TAG)) throw new Error('not ours');
      return { result: xor(data.subarray(TAG.length)).toString('utf8'), shouldReEncrypt: false };
    },
    getSelectedStorageBackend: () => (working ? 'gnome_libsecret' : 'unknown'),
  };

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: (_t: string, message: string) => calls.push(`showErrorBox ${message}`) },
    ipcMain: {
      handle: (channel: string, fn: IpcListener) => handlers.set(channel, fn),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    Menu: {
      setApplicationMenu: (menu: unknown) => calls.push(`setApplicationMenu ${String(menu)}`),
      buildFromTemplate: () => ({}),
    },
    powerMonitor: new EventEmitter(),
    powerSaveBlocker: { start: () => 1, stop() {}, isStarted: () => false },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) =>
        calls.push(`registerSchemesAsPrivileged ${schemes.map((s) => s.scheme).join()}`),
      handle: (scheme: string) => calls.push(`protocol.handle ${scheme}`),
    },
    safeStorage,
    /** One display, the cashier's: the customer window (off by default) has nowhere to go. */
    screen: Object.assign(new EventEmitter(), {
      getAllDisplays: () => [
        {
          id: 1,
          bounds: { x: 0, y: 0, width: 1280, height: 800 },
          workArea: { x: 0, y: 0, width: 1280, height: 760 },
        },
      ],
      getPrimaryDisplay: () => ({ id: 1 }),
    }),
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => calls.push('setPermissionRequestHandler'),
        setPermissionCheckHandler: () => calls.push('setPermissionCheckHandler'),
        setDevicePermissionHandler() {},
        on() {},
        webRequest: { onBeforeRequest: () => calls.push('onBeforeRequest') },
        resolveProxy: async () => 'DIRECT',
      },
    },
  };

  /** Invokes an IPC channel as the main window's renderer would. */
  async function invoke(channel: string, payload: unknown): Promise<unknown> {
    const win = windows[0];
    const handler = handlers.get(channel);
    if (win === undefined || handler === undefined) throw new Error(`no window or no handler for ${channel}`);
    return handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, payload);
  }

  return { calls, handlers, windows, app, electron, readyResolve, firstLoad, invoke };
}
