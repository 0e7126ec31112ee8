/**
 * desk-core's public surface, grouped by subject. Electron main, `scripts/` and other workspaces
 * import from here only; desk-core's own modules and tests import each other directly, and
 * `src/test-support/` is never exported.
 */
export * from './ports';
export { noopLogger } from './logger';

export {
  createLookupService,
  MIN_RETRY_BUDGET_MS,
  type LookupService,
  type LookupServiceDeps,
  type Connectivity,
} from './lookup/lookup-service';
export { classifyLookupError, blamesShopOrBrand, type Classified } from './lookup/classify';
export { createRateGuard, type RateGuard, type RateGuardOptions } from './lookup/rate-guard';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './lookup/retry';
export {
  ClientPool,
  defaultClientFactory,
  type ClientFactory,
  type ClientTarget,
  type Lease,
  type LookupClient,
} from './lookup/client-pool';
export {
  settingsTarget,
  type GatewayTarget,
  type ResolveTarget,
  type TargetResolution,
} from './lookup/target';
export { toAccountView } from './lookup/account-view';

export {
  startDemoGateway,
  DEMO_CARD_LIST,
  DEMO_SHOP_NAME,
  type DemoGateway,
  type DemoGatewayOptions,
  type DemoCard,
} from './desk/demo-gateway';
export {
  testConnection,
  THROWAWAY_CARD_ID,
  type ConnectionSecrets,
  type ConnectionTestOptions,
} from './lookup/connection-test';

export { createDesk, type Desk, type DeskOptions } from './desk/desk';
export { ManagerSessions, MANAGER_SESSION_TTL_MS } from './desk/manager-sessions';
export { dispatchIpc } from './desk/dispatch';
export type { SlipPrinter, SlipPrintJob, SlipPrinterResult } from './output/slip-printer';
export { checkPrinter, isPrinterHost, type PrinterFieldError } from './output/printer-settings';
export type { SlipPreview } from './output/print-service';
export { pageSizeMicrons, SLIP_HEIGHT_EXPRESSION } from '@balance-desk/counter-output';

export { startWebBridge, MAX_BODY_BYTES, type WebBridge, type WebBridgeOptions } from './web/web-bridge';
export { rewriteIndexHtml, allowConnectSelf, RENDERER_NOT_BUILT_HTML } from './web/index-html';
export { CONTENT_TYPES, contentTypeOf, resolveStaticFile } from './web/static-files';
export { envProxyResolver } from './network/env-proxy';
export { parseProxyAnswer, type ProxyChoice } from './network/proxy-answer';
export { networkRoute, type NetworkRoute, type RouteInputs } from './network/route';
export {
  checkCaCertificates,
  runtimeRoots,
  trustedRoots,
  type CaCheck,
  type RuntimeRoots,
} from './network/trust';
export { hostOf } from './util/host-of';
export { isPlainObject } from './util/plain-object';
// The storage half, including `SecretCipher` (the port apps/desktop implements on safeStorage) and `localDay`.
export * from './storage/index';

export {
  createCustomerFeed,
  type CustomerFeed,
  type CustomerFeedDeps,
  type CustomerFeedTimers,
  type LookupTicket,
} from './customer/customer-feed';
export { DEFAULT_CUSTOMER_DISPLAY, checkCustomerDisplayPatch } from './customer/customer-display-settings';
export type { DisplayLister } from './customer/customer-handlers';
// For the Electron customer window (apps/desktop main imports desk-core only).
export { chooseDisplay, validateBounds, type DisplayInfo, type Rect } from '@balance-desk/counter-output';
