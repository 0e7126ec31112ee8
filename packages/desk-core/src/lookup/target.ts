import type { AmountUnit } from '@balance-desk/contract';
import type { RechargeQueryInput } from '@balance-desk/recharge';
import type { Settings, SettingsStore, SignMethod, Vault } from '../ports';
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

/** Reads a secret; a vault that cannot decrypt it counts as "not set" (a notice tells the manager). */
export async function readSecret(vault: Vault, name: 'appSecret' | 'sessionKey'): Promise<string | undefined> {
  try {
    return (await vault.get(name)) || undefined;
  } catch {
    return undefined;
  }
}

/** The production target from the saved settings and the vault's secrets. */
export function settingsTarget(settings: SettingsStore, vault: Vault): ResolveTarget {
  return async () => {
    if (!settings.isConfigured()) return { ok: false, text: 'settings' };
    const appSecret = await readSecret(vault, 'appSecret');
    if (appSecret === undefined) return { ok: false, text: 'app-secret' };
    const s = settings.get();
    return {
      ok: true,
      target: {
        mode: 'production',
        gatewayUrl: gatewayUrlFor(s),
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
