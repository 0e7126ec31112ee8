import type { BoundSecret, SecretName, Vault } from '../../ports';

export type SecretRead =
  { state: 'ok'; value: string; origin: string | undefined } | { state: 'missing' } | { state: 'unreadable' };

/**
 * Reads a secret and says why there is none: never stored (or deleted) vs. stored but not
 * decryptable here (DPAPI reset, another Windows user, a damaged vault) — the latter needs re-provisioning.
 */
export async function readSecretState(vault: Vault, name: SecretName): Promise<SecretRead> {
  try {
    const secret: BoundSecret | undefined = await vault.getBound(name);
    return secret?.value ? { state: 'ok', value: secret.value, origin: secret.origin } : { state: 'missing' };
  } catch {
    // VaultUnreadableError, or a vault file that cannot even be read: either way the secret is lost here.
    return { state: 'unreadable' };
  }
}
