import {
  gatewayOrigin,
  type ChannelRequest,
  type ChannelResponse,
  type SettingsPatch,
} from '@balance-desk/contract';
import { testConnection, type ConnectionSecrets } from '../lookup/connection-test';
import type { SecretName } from '../ports';
import { applySettingsPatch } from '../storage/settings/settings-patch';
import { gatewayUrlFor } from '../storage/settings/gateway';
import { readSecretState } from '../storage/vault/secret-read';
import type { Handler, HandlerContext } from './handlers';
import { audit } from './manager-audit';

const UNAUTHORIZED = { kind: 'unauthorized' } as const;

/** `connection:test`: one signed call with the saved settings or a manager's draft, recorded in the audit trail. */
export function connectionTestHandler(ctx: HandlerContext): Handler<'connection:test'> {
  return async (request) => {
    const verdict = await runConnectionTest(ctx, request);
    if (verdict.kind === 'unauthorized') audit(ctx, { event: 'connection-test', outcome: 'unauthorized' });
    else {
      const detail = [request.draft === undefined ? 'saved settings' : 'draft', verdict.detail.text]
        .filter(Boolean)
        .join(': ');
      audit(ctx, {
        event: 'connection-test',
        outcome: verdict.verdict,
        ...(verdict.gatewayHost ? { host: verdict.gatewayHost } : {}),
        detail: detail.slice(0, 300),
      });
    }
    return verdict;
  };
}

async function runConnectionTest(
  ctx: HandlerContext,
  { managerToken, draft }: ChannelRequest<'connection:test'>,
): Promise<ChannelResponse<'connection:test'>> {
  // Testing the saved settings needs no PIN (it reveals nothing the status line does not), but it
  // is a real signed call, so it goes through the lookups' rate guard like a scan.
  if (draft !== undefined && !ctx.sessions.check(managerToken)) return UNAUTHORIZED;
  // Half-new settings after a failed provisioning rollback: the stored secret must not sign for them.
  if (ctx.mode.failedClosed())
    return {
      kind: 'tested',
      verdict: 'not-configured',
      detail: { text: 'provisioning' },
      latencyMs: 0,
      gatewayHost: ctx.mode.gatewayHost(),
    };
  const options = { clients: ctx.clients, guard: ctx.guard, proxies: ctx.proxies };
  const { appSecret: _a, sessionKey: _s, proxyCredentials: _c, ...plain } = draft ?? {};
  const merged = applySettingsPatch(ctx.settings.get(), plain);
  if (!merged.ok) {
    const fields = Object.keys(merged.fieldErrors).sort().join(',');
    return {
      kind: 'tested',
      verdict: 'not-configured',
      detail: { text: fields },
      latencyMs: 0,
      gatewayHost: ctx.mode.gatewayHost(),
    };
  }
  const secrets = await draftSecrets(ctx, draft, gatewayUrlFor(merged.settings), merged.settings.proxyUrl);
  return testConnection(merged.settings, secrets, options);
}

/**
 * The secrets a draft connection test uses: the draft's own, which belong to the draft's gateway
 * (typed in the same form), else the vault's with the origin they are bound to.
 */
async function draftSecrets(
  ctx: HandlerContext,
  draft: SettingsPatch | undefined,
  draftGatewayUrl: string,
  draftProxyUrl: string,
): Promise<ConnectionSecrets> {
  const pick = async (name: SecretName): Promise<{ value?: string; origin?: string }> => {
    const value = draft?.[name];
    if (value === null) return {};
    if (typeof value === 'string') {
      const trimmed = value.trim();
      const origin = gatewayOrigin(name === 'proxyCredentials' ? draftProxyUrl : draftGatewayUrl);
      return trimmed ? { value: trimmed, ...(origin ? { origin } : {}) } : {};
    }
    const stored = await readSecretState(ctx.vault, name);
    return stored.state === 'ok'
      ? { value: stored.value, ...(stored.origin ? { origin: stored.origin } : {}) }
      : {};
  };
  const appSecret = await pick('appSecret');
  const session = await pick('sessionKey');
  const proxyCredentials = await pick('proxyCredentials');
  return {
    appSecret: appSecret.value,
    appSecretOrigin: appSecret.origin,
    sessionKey: session.value,
    sessionKeyOrigin: session.origin,
    proxyCredentials: proxyCredentials.value,
    proxyCredentialsOrigin: proxyCredentials.origin,
  };
}
