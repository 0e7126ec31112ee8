import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { API_CHANNELS, CHANNEL_NAMES, type IpcReply, type SettingsView } from '@balance-desk/contract';
import { createDesk, dispatchIpc, type Desk } from '@balance-desk/desk-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerIpc, type InvokeEvent, type IpcMainLike, type TrustedWindow } from './ipc';
import type { SenderFrame } from './sender';

type Listener = (event: InvokeEvent, payload: unknown) => Promise<IpcReply<unknown>>;

/** Behaves like ipcMain.handle: a second registration of a channel throws. */
function fakeIpcMain(): IpcMainLike & { handlers: Map<string, Listener>; registrations: string[] } {
  const handlers = new Map<string, Listener>();
  const registrations: string[] = [];
  return {
    handlers,
    registrations,
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
      registrations.push(channel);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
}

const APP = 'app://balance-desk';
const mainFrame: SenderFrame = { url: `${APP}/index.html`, parent: null, detached: false };
const webContents = { id: 1 };
const win: TrustedWindow = { webContents, isDestroyed: () => false };
const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
const logger = {
  info: (message: string, fields?: Record<string, unknown>) =>
    lines.push({ level: 'info', message, ...(fields ? { fields } : {}) }),
  warn: (message: string, fields?: Record<string, unknown>) =>
    lines.push({ level: 'warn', message, ...(fields ? { fields } : {}) }),
  error: (message: string, fields?: Record<string, unknown>) =>
    lines.push({ level: 'error', message, ...(fields ? { fields } : {}) }),
};

let dir: string;
let desk: Desk;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bd-ipc-'));
  desk = await createDesk({ dataDir: dir, version: '0.0.0-test', demo: false });
});
afterAll(async () => {
  await desk.close();
  await rm(dir, { recursive: true, force: true });
});

function setup(getWindow: () => TrustedWindow | null = () => win) {
  const ipcMain = fakeIpcMain();
  const unregister = registerIpc(ipcMain, desk, getWindow, {
    expectedOrigin: APP,
    dispatch: dispatchIpc,
    logger,
  });
  const call = (
    channel: string,
    payload: unknown,
    event: InvokeEvent = { sender: webContents, senderFrame: mainFrame },
  ) => {
    const handler = ipcMain.handlers.get(channel);
    if (handler === undefined) throw new Error(`no handler for ${channel}`);
    return handler(event, payload);
  };
  return { ipcMain, unregister, call };
}

describe('registerIpc', () => {
  it('registers every contract channel exactly once, and only those', () => {
    const { ipcMain } = setup();
    expect(ipcMain.registrations).toHaveLength(CHANNEL_NAMES.length);
    expect(new Set(ipcMain.registrations)).toEqual(new Set(CHANNEL_NAMES));
    expect(new Set(Object.values(API_CHANNELS))).toEqual(new Set(CHANNEL_NAMES));
  });

  it('unregisters them all, so a recreated app can register again', () => {
    const { ipcMain, unregister } = setup();
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
    expect(() =>
      registerIpc(ipcMain, desk, () => win, { expectedOrigin: APP, dispatch: dispatchIpc, logger }),
    ).not.toThrow();
  });

  it('answers a trusted call through desk-core', async () => {
    const { call } = setup();
    const reply = (await call('settings:get', {})) as IpcReply<SettingsView>;
    expect(reply.ok).toBe(true);
    if (reply.ok) {
      expect(reply.value.locale).toBe('zh-CN');
      expect(reply.value).not.toHaveProperty('appSecret');
    }
  });

  it('answers invalid-request for a payload the contract rejects, without echoing it', async () => {
    const { call } = setup();
    const reply = await call('balance:lookup', { cardId: 42, appSecret: 's3cr3t-value' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('invalid-request');
      expect(JSON.stringify(reply)).not.toContain('s3cr3t-value');
    }
  });

  it.each<[string, InvokeEvent]>([
    ['a null senderFrame', { sender: webContents, senderFrame: null }],
    ['a subframe', { sender: webContents, senderFrame: { url: `${APP}/index.html`, parent: mainFrame } }],
    ['another origin', { sender: webContents, senderFrame: { url: 'https://evil.example/', parent: null } }],
    [
      'a look-alike origin',
      { sender: webContents, senderFrame: { url: 'app://balance-desk.evil/index.html', parent: null } },
    ],
    ['file://', { sender: webContents, senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
    ['another webContents on our origin', { sender: { id: 2 }, senderFrame: mainFrame }],
  ])('answers forbidden for %s and logs it', async (name, event) => {
    const { call } = setup();
    lines.length = 0;
    const reply = await call('settings:get', {}, event);
    expect(reply).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(lines).toEqual([
      {
        level: 'warn',
        message: expect.stringContaining('untrusted sender'),
        fields: expect.objectContaining({ channel: 'settings:get' }),
      },
    ]);
  });

  it('answers forbidden when the window is gone or destroyed', async () => {
    const gone = setup(() => null);
    expect((await gone.call('app:status', {})).ok).toBe(false);
    const destroyed = setup(() => ({ webContents, isDestroyed: () => true }));
    const reply = await destroyed.call('app:status', {});
    expect(!reply.ok && reply.error.code).toBe('forbidden');
  });

  it('checks the sender before the payload: an untrusted caller learns nothing about validation', async () => {
    const { call } = setup();
    const reply = await call('balance:lookup', { bogus: true }, { sender: webContents, senderFrame: null });
    expect(!reply.ok && reply.error.code).toBe('forbidden');
  });

  it('still answers with an envelope if dispatch ever throws', async () => {
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain, desk, () => win, {
      expectedOrigin: APP,
      logger,
      dispatch: () => Promise.reject(new Error('boom')),
    });
    const reply = await ipcMain.handlers.get('app:status')?.(
      { sender: webContents, senderFrame: mainFrame },
      {},
    );
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
  });
});
