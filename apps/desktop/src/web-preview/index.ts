/**
 * The web preview's browser client, as served at `/__bridge.js` (a classic script that runs before
 * the renderer's own, so `window.balanceDesk` exists first). Web preview only: never part of the
 * Electron build.
 */
import { installBridgeClient } from './bridge-client';

installBridgeClient(window);
