export { startSandbox, type SandboxOptions, type RunningSandbox } from './server';
export {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_SHOP_ID,
  DEMO_OUT_BRAND_ID,
  DEMO_OUT_SHOP_ID,
  DEMO_CARDS,
  FAULT_CARDS,
  type FaultName,
} from './demo-data';
export { topSign } from './verify-sign';
