/**
 * `window.balanceDesk` for the renderer's type checking: include this file in
 * apps/desktop/tsconfig.web.json (`"include": [..., "src/preload/window.d.ts"]`).
 * In the Electron app the preload provides it; in the web preview the web-bridge client does.
 */
import type { BalanceDeskApi } from '@balance-desk/contract';

declare global {
  interface Window {
    balanceDesk: BalanceDeskApi;
  }
}

export {};
