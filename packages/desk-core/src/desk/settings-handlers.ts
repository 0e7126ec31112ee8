import {
  gatewayOrigin,
  type ChannelRequest,
  type ChannelResponse,
  type FieldErrors,
  type SettingsPatch,
  type SettingsView,
} from '@balance-desk/contract';
import { VaultRefusedError, type SecretName } from '../ports';
import { gatewayUrlFor } from '../storage/settings/gateway';
import { readSecretState } from '../storage/vault/secret-read';
import { toSettingsView } from '../storage/settings/settings-view';
import { describeFsError, errnoCode } from '../storage/files/fs-port';
import { captureSettings, captureVault, undoAll, type Undo } from '../storage/store-undo';
import { SerialQueue } from '../storage/files/serial-queue';
import { errorName } from '../util/error-name';
import type { Handlers, HandlerContext } from './handlers';
import { audit } from './manager-audit';

const UNAUTHORIZED = { kind: 'unauthorized' } as const;
const SECRET_NAMES: readonly SecretName[] = ['appSecret', 'sessionKey', 'proxyCredentials'];

/** The settings channels: the renderer's view (no secrets), and a manager's change. */
export function settingsHandlers(ctx: HandlerContext): Pick<Handlers, 'settings:get' | 'settings:update'> {
  // One save at a time: a failed save puts back the files as it found them, which must not
  // undo a second save that ran in between.
  const saves = new SerialQueue();
  return {
    'settings:get': () => settingsView(ctx),
    'settings:update': (request) => saves.run(() => updateSettings(ctx, request)),
  };
}

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

async function updateSettings(
  ctx: HandlerContext,
  { managerToken, patch }: ChannelRequest<'settings:update'>,
): Promise<ChannelResponse<'settings:update'>> {
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
  const secrets = SECRET_NAMES.filter((name) => patch[name] !== undefined);
  const changesSettings = Object.keys(plain).length > 0;

  // All or nothing: what the files hold now is read first, so any failure below can put it back.
  const undos: Undo[] = [];
  try {
    if (changesSettings) undos.push(await captureSettings(ctx));
    if (secrets.length > 0) undos.push(await captureVault(secrets, ctx.vault));
  } catch (error) {
    return saveFailed(ctx, fields, error, []);
  }
  let failure: { error: unknown } | { fieldErrors: FieldErrors };
  try {
    // Settings first: the vault consults `insecureStorageAccepted`, which may be in this same patch.
    if (changesSettings) {
      const saved = await ctx.settings.update(plain);
      if (!saved.ok) return invalid(saved.fieldErrors);
    }
    const secretErrors = await writeSecrets(ctx, patch);
    if (Object.keys(secretErrors).length === 0) {
      await ctx.mode.refresh();
      const view = await settingsView(ctx);
      ctx.emitSettingsChanged(view);
      audit(ctx, { event: 'settings-change', outcome: 'ok', fields });
      return { kind: 'ok', settings: view };
    }
    failure = { fieldErrors: secretErrors };
  } catch (error) {
    // A full, read-only or failing disk, no access (or a bug: rethrown below once all is put back).
    failure = { error };
  }
  // Part of the patch may be written (a new gateway with the old secret): put every file back.
  const left = await undoAll(undos);
  await ctx.mode.refresh();
  ctx.emitSettingsChanged(await settingsView(ctx));
  if (left.length === 0 && 'fieldErrors' in failure) return invalid(failure.fieldErrors);
  const answer = saveFailed(ctx, fields, 'error' in failure ? failure.error : undefined, left);
  // Not a disk error but a bug: put back all the same, then let the IPC edge answer it as one.
  if (left.length === 0 && 'error' in failure && errnoCode(failure.error) === undefined) throw failure.error;
  return answer;
}

/**
 * The disk refused a write: audited as `failed` with its errno code. When putting the files back
 * failed too, the audit trail and the log name the store left partly new, and the answer says so.
 */
function saveFailed(
  ctx: HandlerContext,
  fields: string[],
  error: unknown,
  left: { name: string; error: unknown }[],
): ChannelResponse<'settings:update'> {
  const code = errnoCode(error) ?? errnoCode(left[0]?.error);
  const notUndone = left.map((step) => step.name);
  const cause = code ?? (error === undefined ? 'error' : errorName(error, 'error'));
  ctx.logger.error('settings: save failed', {
    error: error === undefined ? undefined : describeFsError(error),
    ...(notUndone.length > 0
      ? { notUndone, undoError: left.map((step) => describeFsError(step.error)) }
      : {}),
  });
  audit(ctx, {
    event: 'settings-change',
    outcome: 'failed',
    fields,
    detail: `${cause}${notUndone.length > 0 ? `; not undone: ${notUndone.join(',')}` : ''}`.slice(0, 300),
  });
  return {
    kind: 'failed',
    reason: notUndone.length > 0 ? 'disk-not-undone' : 'disk',
    ...(code === undefined ? {} : { code }),
  };
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
 * there is no proxy they could safely be sent to. A refusal (the vault's, or no proxy) writes
 * nothing and is returned as a field error; a failed write (a disk error) is thrown, and the
 * caller puts everything back.
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
        continue;
      }
      if (errnoCode(error) !== undefined) throw error;
      // The error text is not forwarded: it is ours, but it is not the renderer's business either.
      ctx.logger.error('settings: storing a secret failed', {
        secret: name,
        error: errorName(error),
      });
      errors[name] = 'storage-failed';
      // Stop here: whatever was written is put back, so nothing more is written.
      return errors;
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
