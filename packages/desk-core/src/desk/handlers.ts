import {
  gatewayOrigin,
  type ChannelName,
  type ChannelRequest,
  type ChannelResponse,
  type FieldErrors,
  type ManagerEvent,
  type SettingsPatch,
  type SettingsView,
} from '@balance-desk/contract';
import { testConnection, type ConnectionSecrets } from '../lookup/connection-test';
import type { ClientPool } from '../lookup/client-pool';
import type { LookupService } from '../lookup/lookup-service';
import type { RateGuard } from '../lookup/rate-guard';
import {
  VaultRefusedError,
  type Journal,
  type Logger,
  type PinStore,
  type ProxyResolver,
  type SecretName,
  type SettingsStore,
  type Vault,
} from '../ports';
import { applySettingsPatch } from '../storage/settings/settings-patch';
import { gatewayUrlFor } from '../storage/settings/gateway';
import { readSecretState } from '../storage/vault/secret-read';
import { toSettingsView } from '../storage/settings/settings-view';
import { errnoCode } from '../storage/files/fs-port';
import type { ManagerSessions } from './manager-sessions';
import type { ModeController } from './mode';
import type { NoticeBoard } from './notices';
import { errorName } from '../util/error-name';
import { createPrintHandlers } from '../output/print-handlers';
import type { PrintService } from '../output/print-service';
import type { ShownResult } from '../output/shown-result';
import type { CustomerFeed } from '../customer/customer-feed';
import { customerHandlers, type DisplayLister } from '../customer/customer-handlers';

export type Handler<C extends ChannelName> = (request: ChannelRequest<C>) => Promise<ChannelResponse<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };

export interface HandlerContext {
  settings: SettingsStore;
  vault: Vault;
  pins: PinStore;
  journal: Journal;
  lookup: LookupService;
  sessions: ManagerSessions;
  mode: ModeController;
  notices: NoticeBoard;
  version: string;
  logger: Logger;
  now: () => Date;
  /** The lookups' client pool and rate guard, shared by connection tests. */
  clients: ClientPool;
  guard: RateGuard;
  /** The system proxy, for connection tests of settings that name none. */
  proxies?: ProxyResolver | undefined;
  /** The customer-facing display's feed and the displays it may go on. */
  customer: CustomerFeed;
  displays?: DisplayLister | undefined;
  emitKioskExit(): void;
  emitSettingsChanged(view: SettingsView): void;
  /** Balance slips (output/): the answer on screen, and the printer it goes to. */
  shown: ShownResult;
  print: PrintService;
}

const UNAUTHORIZED = { kind: 'unauthorized' } as const;
const SECRET_NAMES: readonly SecretName[] = ['appSecret', 'sessionKey', 'proxyCredentials'];

async function settingsView(ctx: HandlerContext): Promise<SettingsView> {
  const appSecret = await readSecretState(ctx.vault, 'appSecret');
  const session = await readSecretState(ctx.vault, 'sessionKey');
  const proxyCredentials = await readSecretState(ctx.vault, 'proxyCredentials');
  const view = toSettingsView(ctx.settings.get(), {
    hasAppSecret: appSecret.state === 'ok',
    hasSession: session.state === 'ok',
    hasManagerPin: ctx.pins.isSet(),
    hasProxyCredentials: proxyCredentials.state === 'ok',
  });
  // Where the stored secrets belong, so the form can say when a gateway change needs them again.
  // The printer in use: the saved one, or the web preview's simulator in demo mode (never saved).
  view.printer = ctx.print.printer();
  if (appSecret.state === 'ok' && appSecret.origin) view.appSecretOrigin = appSecret.origin;
  if (session.state === 'ok' && session.origin) view.sessionKeyOrigin = session.origin;
  if (proxyCredentials.state === 'ok' && proxyCredentials.origin)
    view.proxyCredentialsOrigin = proxyCredentials.origin;
  return view;
}

/**
 * The origin a secret saved with the current settings belongs to: the gateway's for the app
 * secret and session key, the proxy's for the proxy credentials ('' when no proxy is set).
 */
function savedOrigin(ctx: HandlerContext, name: SecretName): string {
  const s = ctx.settings.get();
  return (name === 'proxyCredentials' ? gatewayOrigin(s.proxyUrl) : gatewayOrigin(gatewayUrlFor(s))) ?? '';
}

/**
 * Write-only secrets: a string sets (trimmed: pasted secrets carry stray spaces), null deletes,
 * absent keeps. A secret is bound to the gateway (proxy credentials: the proxy) saved in the same
 * patch (settings are written first); proxy credentials without a proxy address are refused, as
 * there is no proxy they could safely be sent to.
 */
async function writeSecrets(ctx: HandlerContext, patch: SettingsPatch): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  for (const name of SECRET_NAMES) {
    const value = patch[name];
    if (value === undefined) continue;
    try {
      if (value === null) await ctx.vault.delete(name);
      else if (savedOrigin(ctx, name) === '') errors[name] = 'proxy-url-needed';
      else await ctx.vault.set(name, value.trim(), savedOrigin(ctx, name));
    } catch (error) {
      if (error instanceof VaultRefusedError) {
        errors[name] = error.why === 'unavailable' ? 'storage-refused' : 'storage-insecure-needs-consent';
      } else {
        // The error text is not forwarded: it is ours, but it is not the renderer's business either.
        ctx.logger.error('settings: storing a secret failed', {
          secret: name,
          error: errorName(error),
        });
        errors[name] = 'storage-failed';
      }
    }
  }
  return errors;
}

function blankSecretErrors(patch: SettingsPatch): FieldErrors {
  const errors: FieldErrors = {};
  for (const name of SECRET_NAMES) {
    const value = patch[name];
    if (typeof value === 'string' && value.trim() === '') errors[name] = 'required';
  }
  return errors;
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

/** The field names of a patch (`scanner.minLength` for nested ones): what the audit trail keeps, never values. */
function patchFields(patch: SettingsPatch): string[] {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if ((key === 'scanner' || key === 'customerDisplay') && typeof value === 'object' && value !== null)
      fields.push(...Object.keys(value).map((k) => `${key}.${k}`));
    else fields.push(key);
  }
  return fields.slice(0, 64);
}

/** One manager action into the audit trail (journal.ts keeps it; never throws). */
function audit(ctx: HandlerContext, event: Omit<ManagerEvent, 'at'>): void {
  ctx.journal.recordManagerEvent({ at: ctx.now().toISOString(), ...event });
}

/** One small function per channel: authorize, call the part that knows, answer. */
export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    'balance:lookup': async ({ cardId }) => {
      const ticket = ctx.shown.start();
      const customerTicket = ctx.customer.lookupStarted();
      const outcome = await ctx.lookup.lookup(cardId);
      ctx.shown.answered(ticket, outcome, ctx.now().getTime());
      ctx.customer.answered(customerTicket, outcome);
      if (outcome.kind === 'error' && outcome.reason === 'clock-skew')
        ctx.notices.raise('clock-skew-suspected');
      if (outcome.kind === 'ok') ctx.notices.clear('clock-skew-suspected');
      return outcome;
    },

    'settings:get': () => settingsView(ctx),

    'settings:update': async ({ managerToken, patch }) => {
      const fields = patchFields(patch);
      if (!ctx.sessions.check(managerToken)) {
        audit(ctx, { event: 'settings-change', outcome: 'unauthorized', fields });
        return UNAUTHORIZED;
      }
      const invalid = (fieldErrors: FieldErrors) => {
        audit(ctx, {
          event: 'settings-change',
          outcome: 'invalid',
          fields,
          detail: Object.keys(fieldErrors).sort().join(',').slice(0, 300),
        });
        return { kind: 'invalid' as const, fieldErrors };
      };
      const blank = blankSecretErrors(patch);
      if (Object.keys(blank).length > 0) return invalid(blank);
      const { appSecret: _a, sessionKey: _s, proxyCredentials: _c, ...plain } = patch;
      // Settings first: the vault consults `insecureStorageAccepted`, which may be in this same patch.
      if (Object.keys(plain).length > 0) {
        let saved: Awaited<ReturnType<typeof ctx.settings.update>>;
        try {
          saved = await ctx.settings.update(plain);
        } catch (error) {
          // A full or read-only disk: nothing was changed (the write is atomic). The audit trail
          // says so with the cause; the form keeps the draft and says the save failed.
          audit(ctx, {
            event: 'settings-change',
            outcome: 'failed',
            fields,
            detail: errnoCode(error) ?? 'error',
          });
          throw error;
        }
        if (!saved.ok) return invalid(saved.fieldErrors);
      }
      const secretErrors = await writeSecrets(ctx, patch);
      await ctx.mode.refresh();
      const view = await settingsView(ctx);
      ctx.emitSettingsChanged(view);
      if (Object.keys(secretErrors).length > 0) return invalid(secretErrors);
      audit(ctx, { event: 'settings-change', outcome: 'ok', fields });
      return { kind: 'ok', settings: view };
    },

    'pin:verify': async ({ pin }) => {
      const result = await ctx.pins.verify(pin);
      if (!result.ok) {
        // Numbers, not text: the screen says them in the manager's language.
        audit(ctx, {
          event: 'pin-verify',
          outcome: result.reason,
          ...(result.retryAfterMs !== undefined
            ? { retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) }
            : {}),
          ...(result.attemptsLeft !== undefined ? { attemptsLeft: result.attemptsLeft } : {}),
        });
        const { ok: _ok, reason, ...counts } = result;
        return { kind: reason, ...counts };
      }
      audit(ctx, { event: 'pin-verify', outcome: 'ok' });
      const { token, expiresAt } = ctx.sessions.issue();
      return { kind: 'ok', managerToken: token, expiresAt: expiresAt.toISOString() };
    },

    'pin:set': async ({ newPin, managerToken }) => {
      // First run: no PIN yet, nothing to protect (demo or a fresh terminal); afterwards only a manager changes it.
      const event = ctx.pins.isSet() ? 'pin-change' : 'pin-set';
      let result: ChannelResponse<'pin:set'>;
      if (ctx.sessions.check(managerToken)) result = pinSetAnswer(await ctx.pins.set(newPin));
      else if (ctx.pins.isSet()) result = UNAUTHORIZED;
      // Two first-run calls at once: the store decides, so the second gets already-set instead of replacing the first.
      else result = pinSetAnswer(await ctx.pins.set(newPin, { ifUnset: true }));
      audit(ctx, { event, outcome: result.kind });
      return result;
    },

    'connection:test': async (request) => {
      const verdict = await testConnectionHandler(ctx, request);
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
    },

    'app:status': () => {
      const s = ctx.settings.get();
      const shop = ctx.mode.shop();
      return Promise.resolve({
        mode: ctx.mode.mode(),
        version: ctx.version,
        gatewayHost: ctx.mode.gatewayHost(),
        online: ctx.lookup.connectivity(),
        shopName: shop.name,
        shopId: shop.id,
        locale: s.locale,
        kiosk: s.kiosk,
        notices: ctx.notices.list(),
        demoCards: ctx.mode.demoCards(),
      });
    },

    'journal:recent': async ({ limit }) => ctx.journal.recent(limit ?? 50),

    'kiosk:exit': ({ managerToken }) => {
      if (!ctx.sessions.check(managerToken)) {
        audit(ctx, { event: 'kiosk-exit', outcome: 'unauthorized' });
        return Promise.resolve(UNAUTHORIZED);
      }
      audit(ctx, { event: 'kiosk-exit', outcome: 'ok' });
      ctx.emitKioskExit();
      return Promise.resolve({ kind: 'ok' });
    },

    'audit:recent': async ({ managerToken, limit }) => {
      if (!ctx.sessions.check(managerToken)) return UNAUTHORIZED;
      await ctx.journal.flush();
      return { kind: 'ok', events: await ctx.journal.recentManagerEvents(limit ?? 100) };
    },

    ...createPrintHandlers(ctx),
    ...customerHandlers(ctx.customer, ctx.displays),
  };
}

/** The PIN store's result as the `pin:set` answer. */
function pinSetAnswer(
  result: Awaited<ReturnType<PinStore['set']>>,
): Exclude<ChannelResponse<'pin:set'>, { kind: 'unauthorized' }> {
  return result.ok ? { kind: 'ok' } : { kind: result.reason };
}

async function testConnectionHandler(
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
