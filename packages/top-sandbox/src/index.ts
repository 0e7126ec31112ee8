export { startSandbox, GATEWAY_PATH, type SandboxOptions, type RunningSandbox } from './server';
export {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_SHOP_ID,
  DEMO_OUT_BRAND_ID,
  DEMO_OUT_SHOP_ID,
  DEMO_OTHER_SHOP_ID,
  DEMO_CARDS,
  FAULT_CARDS,
  FAULT_NAMES,
  DEFAULT_DATA,
  RECHARGE_ACCOUNT_GET,
  isFaultName,
  type DemoCardName,
  type FaultName,
} from './demo-data';
export {
  loadSandboxData,
  parseSandboxData,
  SandboxDataError,
  type SandboxData,
  type SandboxBrand,
  type SandboxShop,
  type SandboxAccount,
  type SandboxDataIssue,
} from './data';
export { BIZ_PARAM, type SandboxApp } from './protocol';
export { topSign, verifyTopSign, isTopSignMethod, type TopSignMethod } from './verify-sign';
export { parseGmt8, formatGmt8 } from './gmt8';
export { RESPONSE_ROOT, LIST_ITEM } from './render';
export { OVERSIZED_BYTES } from './faults';
