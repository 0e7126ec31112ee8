/**
 * Provisioning by IT (docs/PROVISIONING.md): a JSON file whose
 * settings are applied, whose secrets move into the Vault and whose manager PIN is hashed — then
 * the file is rewritten without them. All or nothing: a bad field, a refusing vault or a failed
 * write leaves the terminal exactly as it was.
 */
import { promises as fs } from 'node:fs';
import type { Logger, SecretName, SettingsStore, Vault } from '../ports';
import { VaultRefusedError, VaultUnreadableError } from '../ports';
import { isPlainObject } from '../shared/plain-object';
import { parseJsonSafely, readIfExists, writeFileAtomic } from './atomic-file';
import type { ManagerPinStore } from './pin-store';
import type { PinHash } from './pin-hash';
import { buildPlan, type ProvisioningPlan } from './provisioning-plan';
import {
  CODE_MESSAGES,
  ProvisioningFileSchema,
  crossFieldProblems,
  provisioningErrors,
  type ProvisioningError,
} from './provisioning-schema';
import type { SettingsFieldErrorCode } from './settings-schema';
import { applySettingsPatch } from './settings-patch';

export interface ProvisionDeps {
  settings: SettingsStore;
  vault: Vault;
  pin: Pick<ManagerPinStore, 'hash' | 'setHash' | 'isProvisionedPin'>;
  logger?: Logger;
  now?: () => Date;
}

export type ProvisionReport =
  { ok: true; applied: string[]; warnings: string[] } | { ok: false; errors: ProvisioningError[] };

const fail = (errors: ProvisioningError[]): ProvisionReport => ({ ok: false, errors });

async function readFileObject(
  file: string,
): Promise<{ ok: true; raw: Record<string, unknown> } | { ok: false; errors: ProvisioningError[] }> {
  let data: Buffer | undefined;
  try {
    data = await readIfExists(file);
  } catch (error) {
    return {
      ok: false,
      errors: [
        { path: '$', message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})` },
      ],
    };
  }
  if (data === undefined) return { ok: false, errors: [{ path: '$', message: 'the file does not exist' }] };
  const json = parseJsonSafely(data.toString('utf8'));
  if (!json.ok) return { ok: false, errors: [{ path: '$', message: json.problem }] };
  if (!isPlainObject(json.value))
    return { ok: false, errors: [{ path: '$', message: 'must be a JSON object { … }' }] };
  return { ok: true, raw: json.value };
}

function refusalMessage(error: unknown): string {
  if (error instanceof VaultRefusedError) {
    return error.why === 'unavailable'
      ? 'cannot be stored: this system offers no secure storage (nothing was applied)'
      : 'cannot be stored: only unencrypted storage is available and "insecureStorageAccepted" is not true (nothing was applied)';
  }
  return `could not be stored (${(error as NodeJS.ErrnoException).code ?? (error as Error).name}); nothing was applied`;
}

/** The vault would refuse: say so before touching anything. */
async function vaultPreflight(plan: ProvisioningPlan, deps: ProvisionDeps): Promise<ProvisioningError[]> {
  const storing = (['appSecret', 'sessionKey'] as const).filter(
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

type SecretSnapshot = Partial<Record<SecretName, string | undefined>>;

async function snapshotSecrets(plan: ProvisioningPlan, vault: Vault): Promise<SecretSnapshot> {
  const snapshot: SecretSnapshot = {};
  for (const name of Object.keys(plan.secrets) as SecretName[]) {
    // An unreadable old secret cannot be restored; removing it on rollback is no worse.
    snapshot[name] = await vault.get(name).catch((error: unknown) => {
      if (error instanceof VaultUnreadableError) return undefined;
      throw error;
    });
  }
  return snapshot;
}

async function applyPlan(
  plan: ProvisioningPlan,
  hash: PinHash | undefined,
  deps: ProvisionDeps,
): Promise<ProvisioningError[]> {
  const { settings, vault, pin } = deps;
  const before = settings.get();
  const oldSecrets = await snapshotSecrets(plan, vault);
  const updated = await settings.update(plan.patch);
  if (!updated.ok) return toErrors(updated.fieldErrors);
  const changedSecrets: SecretName[] = [];
  let step: string = 'appSecret';
  try {
    // Settings first: the app's vault reads insecureStorageAccepted from them.
    for (const [name, value] of Object.entries(plan.secrets) as [SecretName, string | null][]) {
      step = name;
      changedSecrets.push(name);
      if (value === null) await vault.delete(name);
      else await vault.set(name, value);
    }
    step = 'managerPin';
    if (hash) await pin.setHash(hash, { fromProvisioning: true });
    return [];
  } catch (error) {
    deps.logger?.error('provisioning: apply failed, rolling back', { step, error: (error as Error).name });
    for (const name of changedSecrets.reverse()) {
      const old = oldSecrets[name];
      await (old === undefined ? vault.delete(name) : vault.set(name, old)).catch(() => undefined);
    }
    const { schemaVersion: _version, ...restore } = before;
    await settings.update(restore).catch(() => undefined);
    return [{ path: step, message: refusalMessage(error) }];
  }
}

function toErrors(fieldErrors: Record<string, string>): ProvisioningError[] {
  return Object.entries(fieldErrors).map(([path, code]) => ({
    path,
    message: CODE_MESSAGES[code as SettingsFieldErrorCode] ?? code,
  }));
}

/** Removes the secrets and PIN from the file, keeping everything else as IT wrote it. */
async function eraseSecrets(file: string, raw: Record<string, unknown>, now: Date): Promise<void> {
  const { appSecret: _s, sessionKey: _k, managerPin: _p, ...rest } = raw;
  const next = { ...rest, provisionedAt: now.toISOString(), secretsMovedToVault: true };
  const mode = (await fs.stat(file)).mode & 0o777;
  await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`, { mode });
}

export async function provisionFromFile(file: string, deps: ProvisionDeps): Promise<ProvisionReport> {
  const logger = deps.logger;
  const now = deps.now ?? (() => new Date());
  const read = await readFileObject(file);
  if (!read.ok) return report(fail(read.errors), logger);
  const raw = read.raw;

  const plan = buildPlan(raw);
  const checked = ProvisioningFileSchema.safeParse(plan.normalized);
  const errors = checked.success ? [] : provisioningErrors(checked.error.issues);
  for (const problem of crossFieldProblems(plan.normalized)) {
    if (!errors.some((e) => e.path === problem.path)) errors.push(problem);
  }
  if (errors.length > 0) return report(fail(errors), logger);

  const preflight = applySettingsPatch(deps.settings.get(), plan.patch);
  if (!preflight.ok) return report(fail(toErrors(preflight.fieldErrors)), logger);
  let hash: PinHash | undefined;
  let applied = plan.applied;
  const warnings = [...plan.warnings];
  if (plan.managerPin !== undefined && (await deps.pin.isProvisionedPin(plan.managerPin))) {
    // The file could not be rewritten last time (read-only location) and still holds the PIN it
    // already set: applying it again would undo a manager's PIN change and lift a lockout at every start.
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

  const applyErrors = await applyPlan(plan, hash, deps);
  if (applyErrors.length > 0) return report(fail(applyErrors), logger);

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
  if (plan.hadSecrets) {
    try {
      await eraseSecrets(file, raw, now());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      warnings.push(
        `the secrets are in the vault but could not be erased from the file (${code}): delete the file now`,
      );
    }
  }
  return report({ ok: true, applied, warnings }, logger);
}

function report(result: ProvisionReport, logger: Logger | undefined): ProvisionReport {
  if (result.ok) logger?.info('provisioning applied', { applied: result.applied, warnings: result.warnings });
  else logger?.error('provisioning failed; nothing applied', { errors: result.errors });
  return result;
}
