import type { SettingsView } from '@balance-desk/contract';
import { GATEWAY_URLS, gatewayOrigin } from '@balance-desk/contract/model';
import type { SecretField, SettingsDraft } from './settings-draft';

/** The gateway origin the form's draft would call. */
function draftGatewayOrigin(draft: SettingsDraft): string | undefined {
  const kind = draft.values.gatewayKind;
  return gatewayOrigin(
    kind === 'production' || kind === 'sandbox' ? GATEWAY_URLS[kind] : draft.values.gatewayUrl,
  );
}

/**
 * The origin a stored secret belongs to when the draft would call another one (desk-core then
 * signs nothing with it), '' for a stored secret bound to no gateway, undefined when all is well:
 * no secret stored, one typed or cleared in this form, or the same gateway. Proxy credentials
 * belong to a proxy instead: the one in the form's proxy field (desk-core sends them to no other).
 */
export function secretElsewhere(
  field: SecretField,
  draft: SettingsDraft | null,
  view: SettingsView | null,
): string | undefined {
  if (!draft || !view || draft.secrets[field].kind !== 'keep') return undefined;
  if (field === 'proxyCredentials') {
    if (!view.hasProxyCredentials) return undefined;
    const proxy = view.proxyCredentialsOrigin;
    if (proxy === undefined) return '';
    return proxy === gatewayOrigin(draft.values.proxyUrl) ? undefined : proxy;
  }
  const stored = field === 'appSecret' ? view.hasAppSecret : view.hasSession;
  if (!stored) return undefined;
  const bound = field === 'appSecret' ? view.appSecretOrigin : view.sessionKeyOrigin;
  if (bound === undefined) return '';
  return bound === draftGatewayOrigin(draft) ? undefined : bound;
}
