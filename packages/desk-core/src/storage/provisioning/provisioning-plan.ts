/**
 * Turns a provisioning file's object into what will be applied: a settings patch, the secrets for
 * the Vault, the PIN. Pure; the file is validated (provisioning-schema.ts) before the plan is used.
 */
import type { SettingsPatch } from '@balance-desk/contract';
import type { SecretName } from '../../ports';
import { gatewayKindForUrl } from '../settings/gateway';
import { PROVISIONED_SETTING_KEYS } from './provisioning-schema';
import { normalizeSettingValue } from '../settings/settings-patch';

export interface ProvisioningPlan {
  /** The file's object with text trimmed and full-width ids folded — what is validated. */
  normalized: Record<string, unknown>;
  patch: Omit<SettingsPatch, 'appSecret' | 'sessionKey'>;
  /** A string stores, `null` deletes (sessionKey only). */
  secrets: Partial<Record<SecretName, string | null>>;
  managerPin: string | undefined;
  /** Field names from the file, never values. */
  applied: string[];
  warnings: string[];
  /** The file held a secret or the PIN, so it must be rewritten without them. */
  hadSecrets: boolean;
}

const SECRET_KEYS = ['appSecret', 'sessionKey', 'managerPin', 'proxyCredentials'] as const;
const META_KEYS = new Set(['provisionedAt', 'secretsMovedToVault']);

export function buildPlan(raw: Record<string, unknown>): ProvisioningPlan {
  // Null prototypes: no key of the file, whatever its name, can reach Object.prototype.
  const normalized: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, rawValue] of Object.entries(raw)) {
    // Several roots are easier to write in JSON as a list of PEM texts; they are kept as one text.
    const value =
      key === 'caCertificates' && Array.isArray(rawValue) && rawValue.every((v) => typeof v === 'string')
        ? rawValue.join('\n')
        : rawValue;
    // Secrets pasted from an e-mail often carry a trailing space or newline.
    normalized[key] =
      (SECRET_KEYS as readonly string[]).includes(key) && typeof value === 'string'
        ? value.trim()
        : normalizeSettingValue(key, value);
  }

  const patch: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of PROVISIONED_SETTING_KEYS) {
    if (normalized[key] !== undefined) patch[key] = normalized[key];
  }
  const url = typeof normalized['gatewayUrl'] === 'string' ? normalized['gatewayUrl'] : '';
  if (url !== '') {
    // A documented TOP address becomes production/sandbox (its URL then lives in code, not settings); anything else is custom.
    const kind = normalized['gatewayKind'] === 'custom' ? 'custom' : gatewayKindForUrl(url);
    patch['gatewayKind'] = kind;
    patch['gatewayUrl'] = kind === 'custom' ? url : '';
  } else if (normalized['gatewayKind'] === 'production' || normalized['gatewayKind'] === 'sandbox') {
    patch['gatewayUrl'] = '';
  }
  // The file names one id of each pair; clear the other so an old setting cannot make the pair ambiguous.
  for (const [a, b] of [
    ['brandId', 'outBrandId'],
    ['shopId', 'outShopId'],
  ] as const) {
    if (patch[a]) patch[b] = '';
    else if (patch[b]) patch[a] = '';
  }

  const secrets: ProvisioningPlan['secrets'] = {};
  if (typeof normalized['appSecret'] === 'string') secrets.appSecret = normalized['appSecret'];
  if (typeof normalized['sessionKey'] === 'string' || normalized['sessionKey'] === null)
    secrets.sessionKey = normalized['sessionKey'];
  if (typeof normalized['proxyCredentials'] === 'string' || normalized['proxyCredentials'] === null)
    secrets.proxyCredentials = normalized['proxyCredentials'];
  const managerPin = typeof normalized['managerPin'] === 'string' ? normalized['managerPin'] : undefined;

  const warnings: string[] = [];
  if (normalized['insecureStorageAccepted'] === true) {
    warnings.push(
      'insecureStorageAccepted is true: on a system without OS encryption the secrets are stored with a fixed key',
    );
  }
  return {
    normalized,
    patch,
    secrets,
    managerPin,
    applied: Object.keys(raw).filter((key) => !META_KEYS.has(key) && raw[key] !== undefined),
    warnings,
    hadSecrets: SECRET_KEYS.some((key) => Object.hasOwn(raw, key)),
  };
}
