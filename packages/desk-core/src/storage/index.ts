/** The storage half of desk-core: settings, vault, manager PIN, journal, provisioning. */
export { writeFileAtomic, type AtomicWriteHooks, type AtomicWriteOptions } from './files/atomic-file';
export {
  WRITE_FAULT_CODES,
  describeFsError,
  faultyFs,
  nodeFs,
  type FaultyFs,
  type FsPort,
  type WriteFaultCode,
  type WriteOp,
} from './files/fs-port';
export {
  PRODUCTION_GATEWAY_URL,
  SANDBOX_GATEWAY_URL,
  checkGatewayUrl,
  gatewayKindForUrl,
  gatewayUrlFor,
  isGatewayResolvable,
  isLoopbackHost,
  type GatewayUrlProblem,
} from './settings/gateway';
export {
  DEFAULT_SCANNER,
  DEFAULT_SETTINGS,
  SETTINGS_FIELD_ERROR_CODES,
  codeOfIssue,
  SETTINGS_SCHEMA_VERSION,
  defaultSettings,
  type SettingsFieldErrorCode,
} from './settings/settings-schema';
export { SETTINGS_MIGRATIONS, migrateSettings } from './settings/settings-migrations';
export { applySettingsPatch, type PatchResult } from './settings/settings-patch';
export { SETTINGS_FILE_NAME, openSettingsStore, type SettingsStoreOptions } from './settings/settings-store';
export { toSettingsView, type SecretPresence } from './settings/settings-view';
export {
  VAULT_FILE_NAME,
  createCipherVault,
  type CipherVaultOptions,
  type Protection,
  type SecretCipher,
} from './vault/vault';
export { createDevCipher } from './vault/dev-cipher';
export { readSecretState, type SecretRead } from './vault/secret-read';
export {
  DEFAULT_PIN_COST,
  checkPinStrength,
  hashPin,
  pinMatches,
  scryptKdf,
  type Kdf,
  type PinHash,
  type PinStrength,
  type ScryptCost,
} from './pin/pin-hash';
export {
  PIN_FILE_NAME,
  PIN_LOCKOUT_MS,
  PIN_MAX_FAILURES,
  PIN_MAX_LOCKOUT_MS,
  openPinStore,
  pinLockoutMs,
  type ManagerPinStore,
  type PinStoreOptions,
} from './pin/pin-store';
export {
  journalFileName,
  localDay,
  managerFileName,
  openJournal,
  sanitizeJournalEntry,
  sanitizeManagerEvent,
  type JournalOptions,
} from './journal/journal';
export {
  PROVISIONING_MAX_BYTES,
  provisionFromFile,
  type ProvisionDeps,
  type ProvisionReport,
} from './provisioning/provisioning';
export type { ProvisioningError } from './provisioning/provisioning-schema';
export {
  findProvisioningFile,
  provisioningNotice,
  type FindProvisioningOptions,
  type ProvisioningSource,
} from './provisioning/provisioning-find';
