export * from './ports';
export { noopLogger } from './logger';

export { createLookupService, type LookupService, type LookupServiceDeps, type Connectivity } from './lookup/lookup-service';
export { classifyLookupError, blamesShopOrBrand, type Classified } from './lookup/classify';
export { createRateGuard, type RateGuard, type RateGuardOptions } from './lookup/rate-guard';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './lookup/retry';
export { defaultClientFactory, type ClientFactory, type LookupClient } from './lookup/client-pool';
export { settingsTarget, type GatewayTarget, type ResolveTarget, type TargetResolution } from './lookup/target';
export { toAccountView } from './lookup/account-view';

export { startDemoGateway, DEMO_CARD_LIST, DEMO_SHOP_NAME, type DemoGateway, type DemoGatewayOptions, type DemoCard } from './demo/demo-gateway';
export { testConnection, THROWAWAY_CARD_ID, type ConnectionSecrets, type ConnectionTestOptions } from './connection/connection-test';

export { createDesk, type Desk, type DeskOptions } from './desk/desk';
export { ManagerSessions, MANAGER_SESSION_TTL_MS } from './desk/manager-sessions';
export { dispatchIpc } from './ipc/dispatch';

export { startWebBridge, MAX_BODY_BYTES, type WebBridge, type WebBridgeOptions } from './web/web-bridge';
export { bridgeClientScript, BRIDGE_TOKEN_HEADER, BRIDGE_TOKEN_STORAGE_KEY } from './web/bridge-client';
export { rewriteIndexHtml, allowConnectSelf, RENDERER_NOT_BUILT_HTML } from './web/index-html';
export * from './storage/index';
