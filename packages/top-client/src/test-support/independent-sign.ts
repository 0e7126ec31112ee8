/**
 * The TOP signer written independently of src/sign.ts now lives in the sandbox, which verifies
 * requests with it (packages/top-sandbox/src/verify-sign.ts). This test-only re-export keeps the
 * name top-client's tests use; top-sandbox is a devDependency of top-client.
 */
export { topSign as independentSign } from '@balance-desk/top-sandbox';
