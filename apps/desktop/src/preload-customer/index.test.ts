import { CUSTOMER_VIEW_EVENT, type CustomerDisplayApi, type CustomerView } from '@balance-desk/contract';
import { beforeAll, describe, expect, it, vi } from 'vitest';

/** A thin stand-in: records what the preload exposes and lets the test play main's messages. */
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  listeners: new Map<string, (event: unknown, payload: unknown) => void>(),
  invoked: [] as string[],
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    on: (channel: string, fn: (event: unknown, payload: unknown) => void) =>
      electron.listeners.set(channel, fn),
    removeListener: (channel: string) => electron.listeners.delete(channel),
    invoke: (channel: string) => electron.invoked.push(channel),
  },
}));

const rest: CustomerView = { kind: 'rest', locale: 'en', storeName: 'Shop', welcome: 'Welcome' };
const balance: CustomerView = {
  kind: 'balance',
  locale: 'en',
  storeName: 'Shop',
  cardLabel: 'Card',
  card: '****0125',
  accounts: [],
};
const send = (payload: unknown) => electron.listeners.get(CUSTOMER_VIEW_EVENT)?.({}, payload);

let api: CustomerDisplayApi;
beforeAll(async () => {
  await import('./index');
  api = electron.exposed.get('balanceDeskCustomer') as CustomerDisplayApi;
});

describe('customer preload', () => {
  it('exposes one global with one function, a view subscription, and invokes nothing', () => {
    expect([...electron.exposed.keys()]).toEqual(['balanceDeskCustomer']);
    expect(Object.keys(api)).toEqual(['onCustomerView']);
    expect(electron.invoked).toEqual([]);
  });

  it('hands each view from main to subscribers, the last one at once to a late subscriber', () => {
    const early: CustomerView[] = [];
    const stop = api.onCustomerView((view) => early.push(view));
    send(rest);
    send({ kind: 'nonsense' });
    send(balance);
    const late: CustomerView[] = [];
    api.onCustomerView((view) => late.push(view));
    stop();
    send(rest);
    expect(early).toEqual([rest, balance]);
    expect(late).toEqual([balance, rest]);
  });
});
