/**
 * The customer page's client, as served at `/__customer-bridge.js` (a classic script that runs
 * before the customer view's own, so `window.balanceDeskCustomer` exists first). Web preview
 * only: never part of the Electron build.
 */
import { installCustomerClient, type CustomerHost } from './customer-client';

// As in index.ts: this folder is type-checked without the DOM library, so `window` is declared
// as what the client uses of it.
declare const window: CustomerHost;

installCustomerClient(window);
