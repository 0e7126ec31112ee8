import { BRIDGE_TOKEN_HEADER, BRIDGE_TOKEN_STORAGE_KEY } from '@balance-desk/contract/web-bridge';

/** Where the customer page long-polls for its view (`?after=<seq>`), with the bridge token header. */
export const CUSTOMER_VIEW_PATH = '/customer/view';
/** A waiting poll is answered with the current view after this long, and asked again at once. */
export const CUSTOMER_POLL_MS = 20_000;

/**
 * The customer page's half of the web bridge (served at `/__customer-bridge.js`):
 * `window.balanceDeskCustomer.onCustomerView`, the same API as the Electron customer preload, fed
 * by long-polling `GET /customer/view`. No lookup, no settings: only the view. The token arrives
 * in the fragment like the cashier page's (`/customer#token=…`) and leaves the address bar at once.
 */
export function customerClientScript(): string {
  return `// BalanceDesk customer view client (web preview only; never part of the Electron build).
(function () {
  'use strict';
  var KEY = ${JSON.stringify(BRIDGE_TOKEN_STORAGE_KEY)};
  var HEADER = ${JSON.stringify(BRIDGE_TOKEN_HEADER)};
  var PATH = ${JSON.stringify(CUSTOMER_VIEW_PATH)};
  var token = '';
  var match = /(?:^#|&)token=([^&]*)/.exec(window.location.hash);
  if (match) {
    try { token = decodeURIComponent(match[1]); } catch (e) { token = ''; }
    try { window.sessionStorage.setItem(KEY, token); } catch (e) { /* keep it in memory */ }
    try { window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search); } catch (e) { /* not fatal */ }
  } else {
    try { token = window.sessionStorage.getItem(KEY) || ''; } catch (e) { token = ''; }
  }
  var listeners = [];
  var last = null;
  var seq = -1;
  function deliver(view) {
    last = view;
    listeners.slice().forEach(function (listener) { listener(view); });
  }
  function poll() {
    var headers = {};
    headers[HEADER] = token;
    window
      .fetch(PATH + '?after=' + seq, { headers: headers, credentials: 'omit', cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (update) {
        if (update && typeof update.seq === 'number' && update.view && update.seq !== seq) {
          seq = update.seq;
          deliver(update.view);
        }
        poll();
      })
      .catch(function () { window.setTimeout(poll, 1000); });
  }
  poll();
  var api = {
    onCustomerView: function (listener) {
      if (typeof listener !== 'function') return function () {};
      listeners.push(listener);
      if (last) listener(last);
      return function () { listeners = listeners.filter(function (l) { return l !== listener; }); };
    },
  };
  Object.defineProperty(window, 'balanceDeskCustomer', { value: Object.freeze(api), enumerable: true, configurable: false, writable: false });
})();
`;
}
