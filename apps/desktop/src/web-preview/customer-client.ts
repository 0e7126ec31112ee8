/**
 * The web preview's stand-in for the customer preload (docs/WEB-PREVIEW.md):
 * `window.balanceDeskCustomer.onCustomerView`, the same API as the Electron customer window's, fed
 * by long-polling desk-core's `GET /customer/view?after=<seq>`. No lookup, no settings: only the
 * view. Built into out/web-preview/customer-client.js (vite.web-preview.config.mts) and served at
 * `/__customer-bridge.js`; never part of the Electron build.
 *
 * The page's globals come in as a `CustomerHost`, so the logic runs in Node tests against a real bridge.
 */
import type { CustomerDisplayApi, CustomerView } from '@balance-desk/contract';
import { BRIDGE_TOKEN_HEADER, CUSTOMER_VIEW_PATH } from '@balance-desk/contract/web-bridge';
import { takeBridgeToken, type TokenHost } from './token';

/** After a failed poll (bridge gone, 401, not JSON), the next one is this much later. */
const CUSTOMER_RETRY_MS = 1_000;

/** The `fetch` options of a poll: no cookies, no HTTP cache. */
interface CustomerRequestInit {
  headers: Record<string, string>;
  credentials: 'omit';
  cache: 'no-store';
}

/** The parts of `window` the customer client uses. */
export interface CustomerHost extends TokenHost {
  fetch(
    input: string,
    init: CustomerRequestInit,
  ): Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;
  setTimeout(handler: () => void, ms: number): unknown;
}

/** A long-poll answer worth showing: a numbered view (the server sends `CustomerViewUpdate`). */
function isUpdate(value: unknown): value is { seq: number; view: CustomerView } {
  if (typeof value !== 'object' || value === null) return false;
  const { seq, view } = value as { seq?: unknown; view?: unknown };
  return typeof seq === 'number' && typeof view === 'object' && view !== null;
}

/**
 * Long-polls for views from `seq` -1 on and hands each new one (a `seq` not seen last) to `deliver`;
 * the next poll goes out as soon as one is answered, or CUSTOMER_RETRY_MS after one fails.
 * Returns a stop (tests; the page polls for as long as it is open).
 */
export function pollCustomerViews(
  host: CustomerHost,
  token: string,
  deliver: (view: CustomerView) => void,
): () => void {
  let seq = -1;
  let stopped = false;
  async function poll(): Promise<void> {
    if (stopped) return;
    try {
      const response = await host.fetch(`${CUSTOMER_VIEW_PATH}?after=${seq}`, {
        headers: { [BRIDGE_TOKEN_HEADER]: token },
        credentials: 'omit',
        cache: 'no-store',
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const update: unknown = await response.json();
      if (!stopped && isUpdate(update) && update.seq !== seq) {
        seq = update.seq;
        deliver(update.view);
      }
    } catch {
      host.setTimeout(() => void poll(), CUSTOMER_RETRY_MS);
      return;
    }
    void poll();
  }
  void poll();
  return () => {
    stopped = true;
  };
}

/**
 * The customer API over a stream of views, as the preload's: the last view is kept and handed at
 * once to a listener that subscribes later; the unsubscribe removes that listener.
 */
export function customerDisplayApi(): {
  api: CustomerDisplayApi;
  deliver: (view: CustomerView) => void;
} {
  let listeners: ((view: CustomerView) => void)[] = [];
  let last: CustomerView | undefined;
  return {
    deliver(view) {
      last = view;
      for (const listener of listeners.slice()) listener(view);
    },
    api: {
      onCustomerView(listener) {
        if (typeof listener !== 'function') return () => undefined;
        listeners.push(listener);
        if (last !== undefined) listener(last);
        return () => {
          listeners = listeners.filter((other) => other !== listener);
        };
      },
    } satisfies CustomerDisplayApi,
  };
}

/**
 * Defines `window.balanceDeskCustomer` (frozen, not writable, not configurable), as the customer
 * preload does, and starts polling. Returns the stop of the polling.
 */
export function installCustomerClient(host: CustomerHost): () => void {
  const { api, deliver } = customerDisplayApi();
  Object.defineProperty(host, 'balanceDeskCustomer', {
    value: Object.freeze(api),
    enumerable: true,
    configurable: false,
    writable: false,
  });
  return pollCustomerViews(host, takeBridgeToken(host), deliver);
}
