import { API_CHANNELS, type BalanceDeskApi } from '@balance-desk/contract';
import { beforeAll, describe, expect, it, vi } from 'vitest';

/** A thin stand-in for the two preload APIs: records what the preload exposes and invokes. */
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; args: unknown[] }[],
}));
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      electron.invoked.push({ channel, args });
      return Promise.resolve({ ok: true, value: channel });
    },
  },
}));

let api: BalanceDeskApi;
beforeAll(async () => {
  await import('./index');
  api = electron.exposed.get('balanceDesk') as BalanceDeskApi;
});

describe('preload', () => {
  it('exposes exactly one global, balanceDesk', () => {
    expect([...electron.exposed.keys()]).toEqual(['balanceDesk']);
  });

  it('has exactly the BalanceDeskApi methods, all functions, and no transport', () => {
    expect(Object.keys(api).sort()).toEqual(Object.keys(API_CHANNELS).sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('send');
  });

  it.each(Object.entries(API_CHANNELS))('%s invokes %s with the request only', async (method, channel) => {
    electron.invoked.length = 0;
    const request = { probe: method };
    const call = api[method as keyof BalanceDeskApi] as (...args: unknown[]) => Promise<unknown>;
    // An extra argument from a compromised page must not reach main.
    const reply = await call(request, 'extra-argument');
    const noArgs = ['getSettings', 'getStatus', 'clearCustomerView', 'listDisplays'].includes(method);
    expect(electron.invoked).toEqual([{ channel, args: [noArgs ? {} : request] }]);
    expect(reply).toEqual({ ok: true, value: channel });
  });
});
