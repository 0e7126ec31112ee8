/**
 * Putting stores back after a multi-store change failed part-way: a provisioning run and a
 * manager's settings save both change settings.json and the vault, and both must leave the
 * terminal exactly as it was when one write fails.
 */
import type { BoundSecret, Restorable, SecretName, SettingsStore, Vault } from '../ports';
import { VaultUnreadableError } from '../ports';

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

/** The vault as it is now, for the secrets `names` a change is about to write. */
export async function captureVault(
  names: readonly SecretName[],
  vault: Vault & Partial<Restorable>,
): Promise<Undo> {
  if (vault.capture) return vault.capture();
  const snapshot: SecretSnapshot = {};
  for (const name of names) {
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

/** Puts stores back, newest first, all of them even when one fails; returns the ones that could not be restored. */
export async function undoAll(undos: readonly Undo[]): Promise<{ name: string; error: unknown }[]> {
  const left: { name: string; error: unknown }[] = [];
  for (const step of [...undos].reverse()) {
    try {
      await step.restore();
    } catch (error) {
      left.push({ name: step.name, error });
    }
  }
  return left;
}
