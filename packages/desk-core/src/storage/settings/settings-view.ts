import type { SettingsView } from '@balance-desk/contract';
import type { Settings } from '../../ports';
import { gatewayUrlFor } from './gateway';

export interface SecretPresence {
  hasAppSecret: boolean;
  hasSession: boolean;
  hasManagerPin: boolean;
  hasProxyCredentials?: boolean;
}

/**
 * What the renderer may see (docs/ARCHITECTURE.md "The trust boundary"): every setting, and only whether a
 * secret exists. `gatewayUrl` is where calls actually go (the TOP gateway for production/sandbox),
 * so a manager sees the real address, not a stale custom one.
 */
export function toSettingsView(settings: Settings, presence: SecretPresence): SettingsView {
  return {
    schemaVersion: settings.schemaVersion,
    gatewayKind: settings.gatewayKind,
    gatewayUrl: gatewayUrlFor(settings),
    appKey: settings.appKey,
    hasAppSecret: presence.hasAppSecret,
    hasSession: presence.hasSession,
    signMethod: settings.signMethod,
    brandId: settings.brandId,
    outBrandId: settings.outBrandId,
    shopId: settings.shopId,
    outShopId: settings.outShopId,
    shopName: settings.shopName,
    locale: settings.locale,
    amountUnit: settings.amountUnit,
    idleClearSeconds: settings.idleClearSeconds,
    requestTimeoutMs: settings.requestTimeoutMs,
    scanner: { ...settings.scanner },
    readToneVolume: settings.readToneVolume,
    readFlash: settings.readFlash,
    kiosk: settings.kiosk,
    startAtLogin: settings.startAtLogin,
    hasManagerPin: presence.hasManagerPin,
    insecureStorageAccepted: settings.insecureStorageAccepted,
    proxyUrl: settings.proxyUrl,
    caCertificates: settings.caCertificates,
    hasProxyCredentials: presence.hasProxyCredentials ?? false,
    printer: settings.printer === null ? null : { ...settings.printer },
    customerDisplay: { ...settings.customerDisplay },
  };
}
