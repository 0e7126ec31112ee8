import type { BoundSecret, Logger, Restorable, SecretName, SettingsStore, Vault } from '../../ports';
import { VaultUnreadableError } from '../../ports';
import { describeFsError } from '../files/fs-port';
import type { ProvisioningPlan } from './provisioning-plan';
import type { ProvisioningError } from './provisioning-schema';

type SecretSnapshot = Partial<Record<SecretName, BoundSecret | undefined>>;

/**
 * How to put one store back. Real stores restore their files byte for byte (so a rotated
 * settings.json.bak does not keep the new configuration either); a store without files (tests'
 * in-memory ports) is put back through its own API.
 */
export interface Undo {
  name: string;
  restore(): Promise<void>;
}

export async function captureSettings(deps: {
  settings: SettingsStore & Partial<Restorable>;
}): Promise<Undo> {
  if (deps.settings.capture) return deps.settings.capture();
  const { schemaVersion: _version, ...before } = deps.settings.get();
  return {
    name: 'settings',
    restore: async () => void (await deps.settings.update(before)),
  };
}

export async function captureVault(
  plan: ProvisioningPlan,
  vault: Vault & Partial<Restorable>,
): Promise<Undo> {
  if (vault.capture) return vault.capture();
  const snapshot: SecretSnapshot = {};
  for (const name of Object.keys(plan.secrets) as SecretName[]) {
    // An unreadable old secret cannot be restored; removing it on rollback is no worse.
    snapshot[name] = await vault.getBound(name).catch((error: unknown) => {
      if (error instanceof VaultUnreadableError) return undefined;
      throw error;
    });
  }
  return {
    name: 'vault',
    restore: async () => {
      // An old secret without an origin is removed rather than restored to some other gateway.
      for (const [name, old] of Object.entries(snapshot) as [SecretName, BoundSecret | undefined][])
        await (old?.origin === undefined ? vault.delete(name) : vault.set(name, old.value, old.origin));
    },
  };
}

export const noUndo = (name: string): Undo => ({ name, restore: () => Promise.resolve() });

/** Puts stores back, all of them even when one fails; returns the ones that could not be restored. */
export async function undo(undos: readonly Undo[], logger: Logger | undefined): Promise<ProvisioningError[]> {
  const left: ProvisioningError[] = [];
  for (const step of [...undos].reverse()) {
    try {
      await step.restore();
    } catch (error) {
      logger?.error('provisioning: rollback failed', { store: step.name, error: describeFsError(error) });
      left.push({
        path: '$',
        message: `${step.name} could not be put back (${describeFsError(error)}) and may hold part of this file's configuration: lookups are stopped until this terminal is provisioned again`,
      });
    }
  }
  return left;
}
