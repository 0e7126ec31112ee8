/**
 * What the web preview's two halves agree on (docs/WEB-PREVIEW.md): desk-core's loopback bridge
 * server and the browser client that stands in for the preload (apps/desktop/src/web-preview).
 * Pure and dependency-free, so the browser client bundles nothing else from here.
 */

/** The header that carries the bridge token on every IPC call. */
export const BRIDGE_TOKEN_HEADER = 'x-balance-desk-token';
/** Where the page keeps the token after reading it from `#token=…` (per tab, gone when the tab closes). */
export const BRIDGE_TOKEN_STORAGE_KEY = 'balanceDesk.bridgeToken';
/** Where the server serves the built browser client; index.html loads it before the page's own scripts. */
export const BRIDGE_CLIENT_PATH = '/__bridge.js';
/** `POST /ipc/<channel>`: one IPC call, answered with the same IpcReply envelope as Electron main. */
export const BRIDGE_IPC_PREFIX = '/ipc/';
/** Where the server serves the built customer client; the customer page loads it instead of the cashier's. */
export const CUSTOMER_CLIENT_PATH = '/__customer-bridge.js';
/** `GET` here with `?after=<seq>` and the token header: the customer page's long-poll for its view. */
export const CUSTOMER_VIEW_PATH = '/customer/view';
