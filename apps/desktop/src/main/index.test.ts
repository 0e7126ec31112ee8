/**
 * Boots main's composition (index.ts) against a thin Electron stand-in and the real desk-core,
 * checking the order and the wiring that cannot be unit-tested module by module. Secure storage is
 * unavailable here; index-vault.test.ts boots it with a working one.
 *
 * Every test boots main itself: a fresh stand-in, fresh modules (index.ts keeps its window and desk
 * in module state) and its own data dir, so the tests pass in any order (`--sequence.shuffle`).
 */
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHANNEL_NAMES, type IpcReply } from '@balance-desk/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElectronStandIn } from './electron-stand-in';

type StandIn = ReturnType<typeof createElectronStandIn>;

const home = process.env['HOME'];
let booted: StandIn | undefined;
let userData: string | undefined;

/** Loads index.ts afresh against a new stand-in: the process start, before Electron is ready. */
async function boot(): Promise<StandIn> {
  userData = await mkdtemp(path.join(os.tmpdir(), 'bd-main-'));
  process.env['HOME'] = userData; // start-at-login must not touch the real ~/.config
  const fresh = createElectronStandIn({ safeStorage: 'unavailable' });
  fresh.app.userData = userData;
  booted = fresh;
  vi.resetModules();
  vi.doMock('electron', () => fresh.electron);
  await import('./index');
  return fresh;
}

/** Boots and lets Electron become ready, up to the window's first load. */
async function bootReady(): Promise<StandIn> {
  const started = await boot();
  started.readyResolve();
  await started.firstLoad;
  return started;
}

afterEach(async () => {
  // A started desk is closed the way the app does it on quit, before its data dir goes.
  const started = booted;
  if (started !== undefined && started.windows.length > 0) {
    started.app.emit('will-quit', { preventDefault: () => {} });
    await vi.waitFor(() => expect(started.calls).toContain('quit'));
  }
  vi.doUnmock('electron');
  booted = undefined;
  process.env['HOME'] = home;
  if (userData !== undefined) await rm(userData, { recursive: true, force: true });
  userData = undefined;
});

describe('main process composition', () => {
  it('registers the app scheme, enables the sandbox and takes the single-instance lock before ready', async () => {
    const stub = await boot();
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
      const stub = await boot();
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
    const stub = await bootReady();
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

  it('lets the window close while kiosk is off (the close guard only acts in kiosk)', async () => {
    const stub = await bootReady();
    expect(stub.windows[0]?.tryClose()).toBe(false);
  });

  it('a second launch restores and focuses the window', async () => {
    const stub = await bootReady();
    stub.calls.length = 0;
    stub.app.emit('second-instance');
    expect(stub.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('closes desk-core before quitting', async () => {
    const stub = await bootReady();
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
