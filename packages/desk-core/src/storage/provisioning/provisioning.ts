/**
 * Provisioning by IT (docs/PROVISIONING.md): a JSON file whose
 * settings are applied, whose secrets move into the Vault and whose manager PIN is hashed — then
 * the file is rewritten without them. All or nothing: a bad field, a refusing vault or a failed
 * write leaves the terminal exactly as it was.
 */
import path from 'node:path';
import { gatewayOrigin, type SettingsFieldErrorCode } from '@balance-desk/contract';
import type { Logger, Restorable, SecretName, SettingsStore, Vault } from '../../ports';
import { VaultRefusedError } from '../../ports';
import { type FsPort, describeFsError, isNotWritableHere, nodeFs } from '../files/fs-port';
import { eraseSecrets, readFileObject } from './provisioning-file';
import { captureSettings, captureVault, noUndo, type Undo } from '../store-undo';
import { undo } from './provisioning-undo';
import type { ManagerPinStore } from '../pin/pin-store';
import type { PinHash } from '../pin/pin-hash';
import { buildPlan, type ProvisioningPlan } from './provisioning-plan';
import {
  CODE_MESSAGES,
  ProvisioningFileSchema,
  crossFieldProblems,
  provisioningErrors,
  type ProvisioningError,
} from './provisioning-schema';
import { applySettingsPatch } from '../settings/settings-patch';
import { gatewayUrlFor } from '../settings/gateway';

export interface ProvisionDeps {
  settings: SettingsStore & Partial<Restorable>;
  vault: Vault & Partial<Restorable>;
  pin: Pick<ManagerPinStore, 'hash' | 'setHash' | 'isProvisionedPin'> & Partial<Restorable>;
  logger?: Logger;
  now?: () => Date;
  /** Tests and `pnpm drill`: a file-system port that fails chosen writes (the stores get their own). */
  fs?: FsPort;
}

export type ProvisionReport =
  | { ok: true; applied: string[]; warnings: string[] }
  | {
      ok: false;
      errors: ProvisioningError[];
      /**
       * A failed step could not be undone: the files named in `errors` are left half-changed, so
       * the terminal must not run lookups with them (`not-configured`) until provisioned again.
       */
      failClosed?: true;
    };

const fail = (errors: ProvisioningError[]): ProvisionReport => ({ ok: false, errors });

const NOTHING_APPLIED = 'nothing was applied: settings, secrets and PIN are as before';

function refusalMessage(error: unknown): string {
  if (error instanceof VaultRefusedError) {
    return error.why === 'unavailable'
      ? `cannot be stored: this system offers no secure storage (${NOTHING_APPLIED})`
      : `cannot be stored: only unencrypted storage is available and "insecureStorageAccepted" is not true (${NOTHING_APPLIED})`;
  }
  return `could not be stored (${describeFsError(error)}); ${NOTHING_APPLIED}`;
}

/** The vault would refuse: say so before touching anything. */
async function vaultPreflight(plan: ProvisioningPlan, deps: ProvisionDeps): Promise<ProvisioningError[]> {
  const storing = (['appSecret', 'sessionKey', 'proxyCredentials'] as const).filter(
    (name) => typeof plan.secrets[name] === 'string',
  );
  if (storing.length === 0) return [];
  const protection = await deps.vault.protection();
  const accepted = plan.patch.insecureStorageAccepted ?? deps.settings.get().insecureStorageAccepted;
  if (protection === 'unavailable')
    return storing.map((path) => ({ path, message: refusalMessage(new VaultRefusedError('unavailable')) }));
  if (protection === 'insecure' && !accepted) {
    return storing.map((path) => ({
      path,
      message: refusalMessage(new VaultRefusedError('insecure-not-accepted')),
    }));
  }
  return [];
}

interface Applied {
  /** Undo for the secret part only (vault, PIN), then for the settings. */
  secrets: Undo[];
  settings: Undo;
}

type ApplyResult = { ok: true; applied: Applied } | { ok: false; report: ProvisionReport };

async function applyPlan(
  plan: ProvisioningPlan,
  hash: PinHash | undefined,
  deps: ProvisionDeps,
): Promise<ApplyResult> {
  const { settings, vault, pin, logger } = deps;
  let undoSettings: Undo;
  let undoVault: Undo;
  let undoPin: Undo;
  try {
    // Read everything that may have to be put back before changing anything.
    undoSettings = await captureSettings(deps);
    const storesSecrets = Object.keys(plan.secrets).length > 0;
    undoVault = storesSecrets
      ? await captureVault(Object.keys(plan.secrets) as SecretName[], vault)
      : noUndo('vault');
    undoPin = hash && pin.capture ? await pin.capture() : noUndo('PIN');
  } catch (error) {
    return {
      ok: false,
      report: fail([
        {
          path: '$',
          message: `the current settings cannot be read (${describeFsError(error)}); ${NOTHING_APPLIED}`,
        },
      ]),
    };
  }
  // Proxy credentials belong to the proxy they come with: without a proxy address there is none
  // they could safely be sent to (a system proxy may be anyone's), so the whole file is refused.
  if (
    typeof plan.secrets.proxyCredentials === 'string' &&
    gatewayOrigin(plan.patch.proxyUrl ?? settings.get().proxyUrl) === undefined
  ) {
    return {
      ok: false,
      report: fail([
        {
          path: 'proxyCredentials',
          message: `needs "proxyUrl", the proxy they are for: they are sent to no other proxy (${NOTHING_APPLIED})`,
        },
      ]),
    };
  }
  const done: Undo[] = [];
  let step = 'settings';
  try {
    // Each undo is registered before its step: a step can fail half-way (settings.json.bak
    // rotated, settings.json not yet written), and restoring an untouched file writes nothing.
    done.push(undoSettings);
    const updated = await settings.update(plan.patch);
    if (!updated.ok) return { ok: false, report: fail(toErrors(updated.fieldErrors)) };
    // Settings first: the app's vault reads insecureStorageAccepted from them, and the secrets
    // belong to the gateway those settings now name.
    if (Object.keys(plan.secrets).length > 0) done.push(undoVault);
    const origin = gatewayOrigin(gatewayUrlFor(settings.get())) ?? '';
    // Proxy credentials belong to the proxy, not the gateway: no other proxy is sent them.
    const proxyOrigin = gatewayOrigin(settings.get().proxyUrl) ?? '';
    for (const [name, value] of Object.entries(plan.secrets) as [SecretName, string | null][]) {
      step = name;
      if (value === null) await vault.delete(name);
      else await vault.set(name, value, name === 'proxyCredentials' ? proxyOrigin : origin);
    }
    step = 'managerPin';
    if (hash) {
      done.push(undoPin);
      await pin.setHash(hash, { fromProvisioning: true });
    }
    return { ok: true, applied: { secrets: done.filter((u) => u !== undoSettings), settings: undoSettings } };
  } catch (error) {
    logger?.error('provisioning: apply failed, rolling back', { step, error: describeFsError(error) });
    const left = await undo(done, logger);
    const cause = { path: step, message: refusalMessage(error) };
    if (left.length === 0) return { ok: false, report: fail([cause]) };
    return {
      ok: false,
      report: {
        ok: false,
        errors: [{ path: step, message: `could not be stored (${describeFsError(error)})` }, ...left],
        failClosed: true,
      },
    };
  }
}

function toErrors(fieldErrors: Record<string, string>): ProvisioningError[] {
  return Object.entries(fieldErrors).map(([path, code]) => ({
    path,
    message: CODE_MESSAGES[code as SettingsFieldErrorCode] ?? code,
  }));
}

const SECRET_FIELDS = ['appSecret', 'sessionKey', 'proxyCredentials', 'managerPin'];

export async function provisionFromFile(file: string, deps: ProvisionDeps): Promise<ProvisionReport> {
  const logger = deps.logger;
  const now = deps.now ?? (() => new Date());
  const port = deps.fs ?? nodeFs;
  const read = await readFileObject(file, port);
  if (!read.ok) return report(fail(read.errors), logger);
  const { raw, isLink, real, links } = read.file;

  const plan = buildPlan(raw);
  const checked = ProvisioningFileSchema.safeParse(plan.normalized);
  const errors = checked.success ? [] : provisioningErrors(checked.error.issues);
  for (const problem of crossFieldProblems(plan.normalized)) {
    if (!errors.some((e) => e.path === problem.path)) errors.push(problem);
  }
  if (errors.length > 0) return report(fail(errors), logger);

  if (plan.hadSecrets && links > 1) {
    // Replacing the file gives it a new inode; every other hard link would keep the secret in clear text.
    return report(
      fail([
        {
          path: '$',
          message: `has ${links} hard links, so the secrets could not be erased from all of them; nothing was applied and the file is untouched (keep a single copy of the file and start again)`,
        },
      ]),
      logger,
    );
  }

  const preflight = applySettingsPatch(deps.settings.get(), plan.patch);
  if (!preflight.ok) return report(fail(toErrors(preflight.fieldErrors)), logger);
  let hash: PinHash | undefined;
  let applied = plan.applied;
  const warnings = [...plan.warnings];
  if (plan.managerPin !== undefined && (await deps.pin.isProvisionedPin(plan.managerPin))) {
    // The file still holds the PIN it already set (a crash before the rewrite, a copy put back):
    // applying it again would undo a manager's PIN change and lift a lockout at every start.
    applied = applied.filter((key) => key !== 'managerPin');
    warnings.push(
      'managerPin was already applied from a provisioning file and is not applied again; to reset the PIN, provide a different one',
    );
  } else if (plan.managerPin !== undefined) {
    const hashed = await deps.pin.hash(plan.managerPin);
    if (!hashed.ok)
      return report(fail([{ path: 'managerPin', message: 'is too easy to guess; choose another' }]), logger);
    hash = hashed.hash;
  }
  const refused = await vaultPreflight(plan, deps);
  if (refused.length > 0) return report(fail(refused), logger);

  const result = await applyPlan(plan, hash, deps);
  if (!result.ok) return report(result.report, logger);

  if (plan.hadSecrets) {
    try {
      await eraseSecrets(file, raw, now(), port);
    } catch (error) {
      const cause = describeFsError(error);
      if (!isLink && isNotWritableHere(error)) {
        // The folder (or file) cannot be written by this account: the secrets must not live on in
        // it, so they are not imported; the settings still apply.
        const left = await undo(result.applied.secrets, logger);
        if (left.length > 0) return report({ ok: false, errors: left, failClosed: true }, logger);
        applied = applied.filter((key) => !SECRET_FIELDS.includes(key));
        warnings.push(
          `${SECRET_FIELDS.filter((key) => Object.hasOwn(raw, key)).join(', ')} NOT imported: this account cannot rewrite the file to erase them (${cause}) in ${path.dirname(real)}; give the account that runs BalanceDesk "Modify" on that folder (docs/DEPLOYMENT.md, "The provisioning folder on Windows"), or delete the file and provision from a writable place`,
        );
        return report({ ok: true, applied, warnings }, logger);
      }
      // A link whose target cannot be rewritten, a full or failing disk: the whole file is refused.
      const left = await undo([...result.applied.secrets, result.applied.settings], logger);
      const why = isLink
        ? `is a link to ${real}, which cannot be rewritten to erase the secrets (${cause})`
        : `cannot be rewritten to erase the secrets (${cause})`;
      if (left.length > 0)
        return report(
          { ok: false, errors: [{ path: '$', message: why }, ...left], failClosed: true },
          logger,
        );
      return report(
        fail([{ path: '$', message: `${why}; ${NOTHING_APPLIED}, and the file is untouched` }]),
        logger,
      );
    }
  }

  if (plan.secrets.appSecret === undefined) {
    const present = await deps.vault.get('appSecret').then(
      (value) => value !== undefined,
      () => false,
    );
    if (!present)
      warnings.push(
        'appSecret is neither in this file nor readable in the vault: the terminal stays unconfigured until one is provisioned',
      );
  }
  return report({ ok: true, applied, warnings }, logger);
}

function report(result: ProvisionReport, logger: Logger | undefined): ProvisionReport {
  if (result.ok) logger?.info('provisioning applied', { applied: result.applied, warnings: result.warnings });
  else logger?.error('provisioning failed; nothing applied', { errors: result.errors });
  return result;
}
