import { API_CHANNELS } from '@balance-desk/contract';

/** The header that carries the bridge token on every IPC call. */
export const BRIDGE_TOKEN_HEADER = 'x-balance-desk-token';
/** Where the page keeps the token after reading it from `#token=…` (per tab, gone when the tab closes). */
export const BRIDGE_TOKEN_STORAGE_KEY = 'balanceDesk.bridgeToken';

/**
 * The browser half of the web bridge, as plain JS (served at `/__bridge.js`): `window.balanceDesk`
 * with every BalanceDeskApi method → `POST /ipc/<channel>`, answering the same IpcReply envelope as
 * the Electron preload. Generated from API_CHANNELS so it cannot drift from the contract.
 * The token arrives in the URL fragment (never sent to any server, never in a Referer), moves to
 * sessionStorage, and is removed from the address bar.
 */
export function bridgeClientScript(): string {
  const methods = JSON.stringify(API_CHANNELS);
  return `// BalanceDesk web bridge client (web preview only; never part of the Electron build).
(function () {
  'use strict';
  var KEY = ${JSON.stringify(BRIDGE_TOKEN_STORAGE_KEY)};
  var HEADER = ${JSON.stringify(BRIDGE_TOKEN_HEADER)};
  var METHODS = ${methods};
  var token = '';
  var hash = window.location.hash.replace(/^#/, '');
  var parts = hash ? hash.split('&') : [];
  var rest = [];
  for (var i = 0; i < parts.length; i++) {
    if (parts[i].indexOf('token=') === 0) {
      try { token = decodeURIComponent(parts[i].slice(6)); } catch (e) { token = ''; }
    } else {
      rest.push(parts[i]);
    }
  }
  if (token) {
    try { window.sessionStorage.setItem(KEY, token); } catch (e) { /* storage disabled: keep it in memory */ }
    var clean = window.location.pathname + window.location.search + (rest.length ? '#' + rest.join('&') : '');
    try { window.history.replaceState(window.history.state, '', clean); } catch (e) { /* not fatal */ }
  } else {
    try { token = window.sessionStorage.getItem(KEY) || ''; } catch (e) { token = ''; }
  }
  function unreachable() {
    return { ok: false, error: { code: 'internal', message: 'bridge unreachable' } };
  }
  function call(channel, request) {
    var headers = { 'content-type': 'application/json' };
    headers[HEADER] = token;
    return window
      .fetch('/ipc/' + encodeURIComponent(channel), {
        method: 'POST',
        headers: headers,
        body: JSON.stringify(request === undefined ? {} : request),
        credentials: 'omit',
        cache: 'no-store',
      })
      .then(function (response) {
        return response.json().then(function (reply) {
          if (reply && typeof reply === 'object' && typeof reply.ok === 'boolean') return reply;
          return { ok: false, error: { code: 'internal', message: 'bridge answered HTTP ' + response.status } };
        });
      })
      .catch(unreachable);
  }
  var api = {};
  Object.keys(METHODS).forEach(function (method) {
    var channel = METHODS[method];
    api[method] = function (request) { return call(channel, request); };
  });
  Object.defineProperty(window, 'balanceDesk', { value: Object.freeze(api), enumerable: true, configurable: false, writable: false });
})();
`;
}
