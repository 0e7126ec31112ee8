/**
 * `window.balanceDeskCustomer` for the customer view's type checking (apps/desktop/tsconfig.web.json
 * includes it). The customer preload provides it in Electron; `/__customer-bridge.js` in the web preview.
 */
import type { CustomerDisplayApi } from '@balance-desk/contract';

declare global {
  interface Window {
    balanceDeskCustomer?: CustomerDisplayApi;
  }
}

export {};
