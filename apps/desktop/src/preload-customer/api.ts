import type { CustomerDisplayApi, CustomerView } from '@balance-desk/contract';

/** `ipcRenderer.on` for the one customer message, narrowed; returns an unsubscribe. */
export type ListenForViews = (listener: (payload: unknown) => void) => () => void;

function isView(value: unknown): value is CustomerView {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'rest' || kind === 'balance' || kind === 'error';
}

/**
 * The customer window's API: a subscription to the view main builds, and nothing else. The last
 * view is kept, so a page that subscribes after main sent it still starts with it.
 */
export function createCustomerDisplayApi(listen: ListenForViews): CustomerDisplayApi {
  let last: CustomerView | undefined;
  const listeners = new Set<(view: CustomerView) => void>();
  listen((payload) => {
    if (!isView(payload)) return;
    last = payload;
    for (const listener of listeners) listener(payload);
  });
  return {
    onCustomerView(listener) {
      if (typeof listener !== 'function') return () => undefined;
      listeners.add(listener);
      if (last !== undefined) listener(last);
      return () => void listeners.delete(listener);
    },
  } satisfies CustomerDisplayApi;
}
