import type { AmountUnit } from '@balance-desk/contract';
import type { RechargeQueryInput } from '@balance-desk/recharge';
import { networkRoute, type NetworkRoute } from '../network/route';
import type { ProxyResolver, Settings, SettingsStore, SignMethod, Vault } from '../ports';
import { gatewayUrlFor } from '../storage/settings/gateway';
import { readSecretState } from '../storage/vault/secret-read';
import { bindingProblem } from './credential-binding';

/** Everything one lookup needs to reach a gateway: where, as whom, for which brand and shop. */
export interface GatewayTarget {
  mode: 'production' | 'demo';
  gatewayUrl: string;
  appKey: string;
  appSecret: string;
  /** The gateway origin the app secret belongs to: a client is built only when it is gatewayUrl's. */
  appSecretOrigin: string | undefined;
  session: string | undefined;
  /** Likewise for the session key (when one is sent). */
  sessionOrigin: string | undefined;
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

/**
 * The production target from the saved settings and the vault's secrets. A configured terminal
 * without a usable app secret answers `not-configured` with why — never the demo gateway, which
 * would show a cashier made-up balances for real cards. Secrets that belong to another gateway
 * origin than the saved one (a gateway saved, provisioned, migrated or restored from a backup
 * without entering them again) are not usable either: `app-secret-other-gateway` /
 * `session-key-other-gateway`.
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
    const s = settings.get();
    const gatewayUrl = gatewayUrlFor(s);
    const session = await readSecretState(vault, 'sessionKey');
    const sessionOk = session.state === 'ok' ? session : undefined;
    const problem = bindingProblem({
      gatewayUrl,
      appSecretOrigin: secret.origin,
      session: sessionOk?.value,
      sessionOrigin: sessionOk?.origin,
    });
    if (problem) return { ok: false, text: problem };
    const network = await networkRoute({
      settings: s,
      gatewayUrl,
      proxyCredentials: async () => {
        const read = await readSecretState(vault, 'proxyCredentials');
        return read.state === 'ok' ? { value: read.value, origin: read.origin } : undefined;
      },
      resolver: proxies,
    });
    return {
      ok: true,
      target: {
        mode: 'production',
        gatewayUrl,
        network,
        appKey: s.appKey,
        appSecret: secret.value,
        appSecretOrigin: secret.origin,
        session: sessionOk?.value,
        sessionOrigin: sessionOk?.origin,
        signMethod: s.signMethod,
        scope: scopeOf(s),
        timeoutMs: s.requestTimeoutMs,
        amountUnit: s.amountUnit,
      },
    };
  };
}
