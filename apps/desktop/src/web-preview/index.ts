/**
 * The web preview's browser client, as served at `/__bridge.js` (a classic script that runs before
 * the renderer's own, so `window.balanceDesk` exists first). Web preview only: never part of the
 * Electron build.
 */
import { installBridgeClient, type BridgeHost } from './bridge-client';

// This folder is type-checked without the DOM library (its tests run in Node): the page's
// `window` is declared as what the client uses of it.
declare const window: BridgeHost;

installBridgeClient(window);
