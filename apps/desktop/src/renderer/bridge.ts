import type { BalanceDeskApi, IpcReply } from '@balance-desk/contract';

/**
 * The one door to main: stores call `bridge.*`, never `window.balanceDesk` inline,
 * so tests inject a fake with `setBridge`. Every call resolves to an `IpcReply`: a missing bridge,
 * a rejected promise or a malformed answer becomes `ok: false`, so no store has to catch.
 */

let injected: BalanceDeskApi | null = null;

/** Tests (and only tests) swap the API; `null` goes back to `window.balanceDesk`. */
export function setBridge(api: BalanceDeskApi | null): void {
  injected = api;
}

function api(): BalanceDeskApi | undefined {
  return injected ?? (typeof window === 'undefined' ? undefined : window.balanceDesk);
}

function failure<T>(message: string): IpcReply<T> {
  return { ok: false, error: { code: 'internal', message } };
}

async function call<T>(invoke: (desk: BalanceDeskApi) => Promise<IpcReply<T>>): Promise<IpcReply<T>> {
  const desk = api();
  if (!desk) return failure('window.balanceDesk is not available');
  try {
    const reply = await invoke(desk);
    if (typeof reply !== 'object' || reply === null || typeof reply.ok !== 'boolean')
      return failure('malformed reply');
    return reply;
  } catch (error) {
    return failure(error instanceof Error ? error.message : 'call failed');
  }
}

export const bridge: BalanceDeskApi = {
  lookupBalance: (request) => call((d) => d.lookupBalance(request)),
  getSettings: () => call((d) => d.getSettings()),
  updateSettings: (request) => call((d) => d.updateSettings(request)),
  verifyPin: (request) => call((d) => d.verifyPin(request)),
  setPin: (request) => call((d) => d.setPin(request)),
  testConnection: (request) => call((d) => d.testConnection(request)),
  getStatus: () => call((d) => d.getStatus()),
  recentJournal: (request) => call((d) => d.recentJournal(request)),
  exitKiosk: (request) => call((d) => d.exitKiosk(request)),
  recentAudit: (request) => call((d) => d.recentAudit(request)),
  printResult: (request) => call((d) => d.printResult(request)),
  testPrint: (request) => call((d) => d.testPrint(request)),
  listPrinters: (request) => call((d) => d.listPrinters(request)),
  clearCustomerView: () => call((d) => d.clearCustomerView()),
  listDisplays: () => call((d) => d.listDisplays()),
};
