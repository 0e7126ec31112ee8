/**
 * Boots main's composition (index.ts) against a thin Electron stand-in and the real desk-core,
 * checking the order and the wiring that cannot be unit-tested module by module.
 */
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHANNEL_NAMES, type IpcReply } from '@balance-desk/contract';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const stub = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- vi.hoisted runs before the module's imports
  const { EventEmitter: Emitter } = require('node:events') as { EventEmitter: typeof EventEmitter };
  const calls: string[] = [];
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const windows: FakeWindow[] = [];
  let readyResolve: () => void = () => {};
  const ready = new Promise<void>((r) => (readyResolve = r));
  let loaded: (url: string) => void = () => {};
  const firstLoad = new Promise<string>((r) => (loaded = r));

  class FakeContents extends Emitter {
    mainFrame = { url: 'app://balance-desk/index.html', parent: null, detached: false };
    isDevToolsOpened = () => false;
    closeDevTools() {}
    forcefullyCrashRenderer() {}
    setWindowOpenHandler() {}
    getURL = () => 'app://balance-desk/index.html';
  }
  class FakeWindow extends Emitter {
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
  }

  const app = Object.assign(new Emitter(), {
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
  return { calls, handlers, windows, app, readyResolve, firstLoad, FakeWindow };
});

vi.mock('electron', () => ({
  app: stub.app,
  BrowserWindow: stub.FakeWindow,
  dialog: { showErrorBox: (_t: string, message: string) => stub.calls.push(`showErrorBox ${message}`) },
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) =>
      stub.handlers.set(channel, fn),
    removeHandler: (channel: string) => stub.handlers.delete(channel),
  },
  Menu: {
    setApplicationMenu: (menu: unknown) => stub.calls.push(`setApplicationMenu ${String(menu)}`),
    buildFromTemplate: () => ({}),
  },
  powerSaveBlocker: { start: () => 1, stop() {}, isStarted: () => false },
  protocol: {
    registerSchemesAsPrivileged: (schemes: { scheme: string }[]) =>
      stub.calls.push(`registerSchemesAsPrivileged ${schemes.map((s) => s.scheme).join()}`),
    handle: (scheme: string) => stub.calls.push(`protocol.handle ${scheme}`),
  },
  safeStorage: {
    isAsyncEncryptionAvailable: async () => false,
    encryptStringAsync: async () => Buffer.alloc(0),
    decryptStringAsync: async () => ({ result: '', shouldReEncrypt: false }),
    getSelectedStorageBackend: () => 'unknown',
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => stub.calls.push('setPermissionRequestHandler'),
      setPermissionCheckHandler: () => stub.calls.push('setPermissionCheckHandler'),
      setDevicePermissionHandler() {},
      on() {},
      webRequest: { onBeforeRequest: () => stub.calls.push('onBeforeRequest') },
    },
  },
}));

let userData: string;
const home = process.env['HOME'];
beforeAll(async () => {
  userData = await mkdtemp(path.join(os.tmpdir(), 'bd-main-'));
  stub.app.userData = userData;
  process.env['HOME'] = userData; // start-at-login must not touch the real ~/.config
  await import('./index');
});
afterAll(async () => {
  process.env['HOME'] = home;
  await rm(userData, { recursive: true, force: true });
});

describe('main process composition', () => {
  it('registers the app scheme, enables the sandbox and takes the single-instance lock before ready', () => {
    expect(stub.calls.slice(0, 3)).toEqual([
      'registerSchemesAsPrivileged app',
      'enableSandbox',
      'requestSingleInstanceLock',
    ]);
    expect(stub.app.listenerCount('web-contents-created')).toBe(1);
    expect(stub.app.listenerCount('second-instance')).toBe(1);
  });

  it(
    'on ready: protocol, session rules, menu, window, IPC, then loads app://balance-desk',
    { timeout: 20_000 },
    async () => {
      stub.readyResolve();
      expect(await stub.firstLoad).toBe('app://balance-desk/index.html');
      const order = (name: string) => stub.calls.findIndex((c) => c.startsWith(name));
      expect(order('protocol.handle app')).toBeGreaterThan(order('requestSingleInstanceLock'));
      expect(order('setPermissionRequestHandler')).toBeLessThan(order('new BrowserWindow'));
      expect(order('onBeforeRequest')).toBeLessThan(order('loadURL'));
      expect(stub.calls).toContain('setApplicationMenu null');
      expect([...stub.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());

      const win = stub.windows[0];
      expect(win?.options).toMatchObject({
        show: false,
        kiosk: false,
        webPreferences: {
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webSecurity: true,
          webviewTag: false,
          devTools: false,
          disableBlinkFeatures: 'Auxclick',
          navigateOnDragDrop: false,
          spellcheck: false,
        },
      });
      expect(String((win?.options['webPreferences'] as Record<string, unknown>)['preload'])).toMatch(
        /[\\/]preload[\\/]index\.js$/,
      );
    },
  );

  it('answers IPC from the window and refuses anyone else', async () => {
    const win = stub.windows[0];
    const status = stub.handlers.get('app:status');
    const ok = (await status?.(
      { sender: win?.webContents, senderFrame: win?.webContents.mainFrame },
      {},
    )) as IpcReply<{ version: string }>;
    expect(ok).toMatchObject({ ok: true, value: { version: '9.9.9' } });
    const refused = (await status?.(
      { sender: new EventEmitter(), senderFrame: win?.webContents.mainFrame },
      {},
    )) as IpcReply<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a second launch restores and focuses the window', () => {
    stub.calls.length = 0;
    stub.app.emit('second-instance');
    expect(stub.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('closes desk-core before quitting', async () => {
    stub.calls.length = 0;
    let prevented = false;
    stub.app.emit('will-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(stub.calls).toContain('quit'));
    // The second will-quit (from that quit) lets the app go.
    prevented = false;
    stub.app.emit('will-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
  });
});
