import type {
  ChannelName,
  ChannelRequest,
  ChannelResponse,
  FieldErrors,
  SettingsPatch,
  SettingsView,
} from '@balance-desk/contract';
import { testConnection, type ConnectionSecrets } from '../connection/connection-test';
import type { ClientPool } from '../lookup/client-pool';
import type { LookupService } from '../lookup/lookup-service';
import type { RateGuard } from '../lookup/rate-guard';
import { readSecret } from '../lookup/target';
import {
  VaultRefusedError,
  type Journal,
  type Logger,
  type PinStore,
  type SecretName,
  type SettingsStore,
  type Vault,
} from '../ports';
import { applySettingsPatch, toSettingsView } from '../storage/index';
import type { ManagerSessions } from './manager-sessions';
import type { ModeController } from './mode';
import type { NoticeBoard } from './notices';

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
  /** The lookups' client pool and rate guard, shared by connection tests. */
  clients: ClientPool;
  guard: RateGuard;
  emitKioskExit(): void;
  emitSettingsChanged(view: SettingsView): void;
}

const UNAUTHORIZED = { ok: false, reason: 'unauthorized' } as const;
const SECRET_NAMES: readonly SecretName[] = ['appSecret', 'sessionKey'];

export async function settingsView(ctx: HandlerContext): Promise<SettingsView> {
  return toSettingsView(ctx.settings.get(), {
    hasAppSecret: (await readSecret(ctx.vault, 'appSecret')) !== undefined,
    hasSession: (await readSecret(ctx.vault, 'sessionKey')) !== undefined,
    hasManagerPin: ctx.pins.isSet(),
  });
}

/** Write-only secrets: a string sets (trimmed: pasted secrets carry stray spaces), null deletes, absent keeps. */
async function writeSecrets(ctx: HandlerContext, patch: SettingsPatch): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  for (const name of SECRET_NAMES) {
    const value = patch[name];
    if (value === undefined) continue;
    try {
      if (value === null) await ctx.vault.delete(name);
      else await ctx.vault.set(name, value.trim());
    } catch (error) {
      if (error instanceof VaultRefusedError) {
        errors[name] = error.why === 'unavailable' ? 'storage-refused' : 'storage-insecure-needs-consent';
      } else {
        // The error text is not forwarded: it is ours, but it is not the renderer's business either.
        ctx.logger.error('settings: storing a secret failed', {
          secret: name,
          error: error instanceof Error ? error.name : typeof error,
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

/** The secrets a draft connection test uses: the draft's own, else the vault's. */
async function draftSecrets(
  ctx: HandlerContext,
  draft: SettingsPatch | undefined,
): Promise<ConnectionSecrets> {
  const pick = async (name: SecretName): Promise<string | undefined> => {
    const value = draft?.[name];
    if (value === null) return undefined;
    if (typeof value === 'string') return value.trim() || undefined;
    return readSecret(ctx.vault, name);
  };
  return { appSecret: await pick('appSecret'), sessionKey: await pick('sessionKey') };
}

/** One small function per channel: authorize, call the part that knows, answer. */
export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    'balance:lookup': async ({ cardId }) => {
      const outcome = await ctx.lookup.lookup(cardId);
      if (outcome.kind === 'error' && outcome.reason === 'clock-skew')
        ctx.notices.raise('clock-skew-suspected');
      if (outcome.kind === 'ok') ctx.notices.clear('clock-skew-suspected');
      return outcome;
    },

    'settings:get': () => settingsView(ctx),

    'settings:update': async ({ managerToken, patch }) => {
      if (!ctx.sessions.check(managerToken)) return UNAUTHORIZED;
      const blank = blankSecretErrors(patch);
      if (Object.keys(blank).length > 0) return { ok: false, reason: 'invalid', fieldErrors: blank };
      const { appSecret: _a, sessionKey: _s, ...plain } = patch;
      // Settings first: the vault consults `insecureStorageAccepted`, which may be in this same patch.
      if (Object.keys(plain).length > 0) {
        const saved = await ctx.settings.update(plain);
        if (!saved.ok) return { ok: false, reason: 'invalid', fieldErrors: saved.fieldErrors };
      }
      const secretErrors = await writeSecrets(ctx, patch);
      await ctx.mode.refresh();
      const view = await settingsView(ctx);
      ctx.emitSettingsChanged(view);
      if (Object.keys(secretErrors).length > 0)
        return { ok: false, reason: 'invalid', fieldErrors: secretErrors };
      return { ok: true, settings: view };
    },

    'pin:verify': async ({ pin }) => {
      const result = await ctx.pins.verify(pin);
      if (!result.ok) return result;
      const { token, expiresAt } = ctx.sessions.issue();
      return { ok: true, managerToken: token, expiresAt: expiresAt.toISOString() };
    },

    'pin:set': async ({ newPin, managerToken }) => {
      // First run: no PIN yet, nothing to protect (demo or a fresh terminal); afterwards only a manager changes it.
      if (ctx.pins.isSet() && !ctx.sessions.check(managerToken)) return UNAUTHORIZED;
      return ctx.pins.set(newPin);
    },

    'connection:test': async ({ managerToken, draft }) => {
      // Testing the saved settings needs no PIN (it reveals nothing the status line does not), but it
      // is a real signed call, so it goes through the lookups' rate guard like a scan.
      if (draft !== undefined && !ctx.sessions.check(managerToken)) return UNAUTHORIZED;
      const options = { clients: ctx.clients, guard: ctx.guard };
      const { appSecret: _a, sessionKey: _s, ...plain } = draft ?? {};
      const merged = applySettingsPatch(ctx.settings.get(), plain);
      if (!merged.ok) {
        const fields = Object.keys(merged.fieldErrors).sort().join(',');
        return {
          verdict: 'not-configured',
          detail: { text: fields },
          latencyMs: 0,
          gatewayHost: ctx.mode.gatewayHost(),
        };
      }
      return testConnection(merged.settings, await draftSecrets(ctx, draft), options);
    },

    'app:status': async () => {
      const s = ctx.settings.get();
      const shop = ctx.mode.shop();
      return {
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
      };
    },

    'journal:recent': async ({ limit }) => ctx.journal.recent(limit ?? 50),

    'kiosk:exit': async ({ managerToken }) => {
      if (!ctx.sessions.check(managerToken)) return UNAUTHORIZED;
      ctx.emitKioskExit();
      return { ok: true };
    },
  };
}
