/**
 * desk-core's public surface: exactly what other workspaces import (Electron main, the web preview,
 * `scripts/`, other packages' tests). desk-core's own modules and tests import each other directly,
 * and `src/test-support/` is never exported. knip (`pnpm lint:exports`) fails on a name here that
 * nothing outside imports.
 */

// The Desk: the main process's logic behind one object, and the IPC edge in front of it.
export { createDesk, type Desk } from './desk/desk';
export { dispatchIpc } from './desk/dispatch';
export { startDemoGateway } from './desk/demo-gateway';

// Ports that Electron main implements (logger, system proxy, `safeStorage` cipher, slip printer).
export type { Logger, ProxyResolver } from './ports';
export { noopLogger } from './logger';
export type { SecretCipher } from './storage/vault/vault';
export type { SlipPrinter } from './output/slip-printer';
export { pageSizeMicrons, SLIP_HEIGHT_EXPRESSION } from '@balance-desk/counter-output';

// The browser preview's loopback bridge, and the static files main serves on `app://`.
export { startWebBridge, type WebBridge } from './web/web-bridge';
export { contentTypeOf, resolveStaticFile } from './web/static-files';

// Storage, for main's log files and the fault drill (`scripts/drill-lib.ts`).
export { localDay } from './storage/journal/day-files';
export { VAULT_FILE_NAME, createCipherVault } from './storage/vault/vault';
export { createDevCipher } from './storage/vault/dev-cipher';
export { faultyFs, nodeFs, type FsPort, type WriteFaultCode } from './storage/files/fs-port';
export { openPinStore } from './storage/pin/pin-store';
export { openSettingsStore } from './storage/settings/settings-store';
export { provisionFromFile, type ProvisionReport } from './storage/provisioning/provisioning';

// For the Electron customer window (apps/desktop main imports desk-core only).
export { chooseDisplay, validateBounds, type DisplayInfo, type Rect } from '@balance-desk/counter-output';
