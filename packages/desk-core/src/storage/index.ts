/** The storage half of desk-core: settings, vault, manager PIN, journal, provisioning. */
export { writeFileAtomic, type AtomicWriteHooks, type AtomicWriteOptions } from './atomic-file';
export {
  WRITE_FAULT_CODES,
  describeFsError,
  faultyFs,
  nodeFs,
  type FaultyFs,
  type FsPort,
  type WriteFaultCode,
  type WriteOp,
} from './fs-port';
export {
  PRODUCTION_GATEWAY_URL,
  SANDBOX_GATEWAY_URL,
  checkGatewayUrl,
  gatewayKindForUrl,
  gatewayUrlFor,
  isGatewayResolvable,
  isLoopbackHost,
  type GatewayUrlProblem,
} from './gateway';
export {
  DEFAULT_SCANNER,
  DEFAULT_SETTINGS,
  SETTINGS_FIELD_ERROR_CODES,
  codeOfIssue,
  SETTINGS_SCHEMA_VERSION,
  defaultSettings,
  type SettingsFieldErrorCode,
} from './settings-schema';
export { SETTINGS_MIGRATIONS, migrateSettings } from './settings-migrations';
export { applySettingsPatch, type PatchResult } from './settings-patch';
export { SETTINGS_FILE_NAME, openSettingsStore, type SettingsStoreOptions } from './settings-store';
export { toSettingsView, type SecretPresence } from './settings-view';
export {
  VAULT_FILE_NAME,
  createCipherVault,
  type CipherVaultOptions,
  type Protection,
  type SecretCipher,
} from './vault';
export { createDevCipher } from './dev-cipher';
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
} from './pin-hash';
export {
  PIN_FILE_NAME,
  PIN_LOCKOUT_MS,
  PIN_MAX_FAILURES,
  PIN_MAX_LOCKOUT_MS,
  openPinStore,
  pinLockoutMs,
  type ManagerPinStore,
  type PinStoreOptions,
} from './pin-store';
export {
  journalFileName,
  localDay,
  managerFileName,
  openJournal,
  sanitizeJournalEntry,
  sanitizeManagerEvent,
  type JournalOptions,
} from './journal';
export {
  PROVISIONING_MAX_BYTES,
  provisionFromFile,
  type ProvisionDeps,
  type ProvisionReport,
} from './provisioning';
export type { ProvisioningError } from './provisioning-schema';
export {
  findProvisioningFile,
  provisioningNotice,
  type FindProvisioningOptions,
  type ProvisioningSource,
} from './provisioning-find';
