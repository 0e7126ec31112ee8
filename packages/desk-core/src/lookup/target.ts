import type { AmountUnit } from '@balance-desk/contract';
import type { RechargeQueryInput } from '@balance-desk/recharge';
import { networkRoute, type NetworkRoute } from '../network/route';
import type { ProxyResolver, SecretName, Settings, SettingsStore, SignMethod, Vault } from '../ports';
import { gatewayUrlFor } from '../storage/index';

/** Everything one lookup needs to reach a gateway: where, as whom, for which brand and shop. */
export interface GatewayTarget {
  mode: 'production' | 'demo';
  gatewayUrl: string;
  appKey: string;
  appSecret: string;
  session: string | undefined;
  signMethod: SignMethod;
  /** brandId or outBrandId, shopId or outShopId — exactly one of each. */
  scope: Pick<RechargeQueryInput, 'brandId' | 'outBrandId' | 'shopId' | 'outShopId'>;
  timeoutMs: number;
  amountUnit: AmountUnit;
  /** Proxy and extra roots; absent: direct, the runtime's roots. */
  network?: NetworkRoute | undefined;
}

export type TargetResolution = { ok: true; target: GatewayTarget } | { ok: false; text: string };

/** Produces the current target, or why there is none (the lookup answers `not-configured`). */
export type ResolveTarget = () => Promise<TargetResolution>;

/** The platform id when set, otherwise the merchant's own id (a configured settings file has one of them). */
export function scopeOf(settings: Settings): GatewayTarget['scope'] {
  const scope: GatewayTarget['scope'] = {};
  if (settings.brandId.trim()) scope.brandId = settings.brandId;
  else if (settings.outBrandId.trim()) scope.outBrandId = settings.outBrandId;
  if (settings.shopId.trim()) scope.shopId = settings.shopId;
  else if (settings.outShopId.trim()) scope.outShopId = settings.outShopId;
  return scope;
}

export type SecretRead = { state: 'ok'; value: string } | { state: 'missing' } | { state: 'unreadable' };

/**
 * Reads a secret and says why there is none: never stored (or deleted) vs. stored but not
 * decryptable here (DPAPI reset, another Windows user, a damaged vault) — the latter needs re-provisioning.
 */
export async function readSecretState(vault: Vault, name: SecretName): Promise<SecretRead> {
  try {
    const value = await vault.get(name);
    return value ? { state: 'ok', value } : { state: 'missing' };
  } catch {
    // VaultUnreadableError, or a vault file that cannot even be read: either way the secret is lost here.
    return { state: 'unreadable' };
  }
}

/** Reads a secret; one that cannot be decrypted counts as "not set" here (the Desk raises a notice for it). */
export async function readSecret(vault: Vault, name: SecretName): Promise<string | undefined> {
  const read = await readSecretState(vault, name);
  return read.state === 'ok' ? read.value : undefined;
}

/**
 * The production target from the saved settings and the vault's secrets. A configured terminal
 * without a usable app secret answers `not-configured` with why — never the demo gateway, which
 * would show a cashier made-up balances for real cards.
 */
export function settingsTarget(
  settings: SettingsStore,
  vault: Vault,
  proxies?: ProxyResolver,
): ResolveTarget {
  return async () => {
    if (!settings.isConfigured()) return { ok: false, text: 'settings' };
    const secret = await readSecretState(vault, 'appSecret');
    if (secret.state !== 'ok')
      return { ok: false, text: secret.state === 'missing' ? 'app-secret-missing' : 'app-secret-unreadable' };
    const appSecret = secret.value;
    const s = settings.get();
    const gatewayUrl = gatewayUrlFor(s);
    const network = await networkRoute({
      settings: s,
      gatewayUrl,
      proxyCredentials: () => readSecret(vault, 'proxyCredentials'),
      resolver: proxies,
    });
    return {
      ok: true,
      target: {
        mode: 'production',
        gatewayUrl,
        network,
        appKey: s.appKey,
        appSecret,
        session: await readSecret(vault, 'sessionKey'),
        signMethod: s.signMethod,
        scope: scopeOf(s),
        timeoutMs: s.requestTimeoutMs,
        amountUnit: s.amountUnit,
      },
    };
  };
}
