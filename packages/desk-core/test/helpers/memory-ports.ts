import type { JournalEntry, Notice } from '@balance-desk/contract';
import type { Journal, Logger, SecretName, Settings, SettingsStore, Vault } from '../../src/ports';
import { defaultSettings } from '../../src/storage/index';

/** Tiny in-memory ports for the service tests (the real file-backed ones are tested in test/storage). */
export function memorySettings(
  initial: Partial<Settings> = {},
): SettingsStore & { set(patch: Partial<Settings>): void } {
  let current: Settings = { ...defaultSettings(), ...initial };
  const listeners = new Set<(s: Settings) => void>();
  const set = (patch: Partial<Settings>): void => {
    current = { ...current, ...patch };
    for (const l of listeners) l(current);
  };
  return {
    get: () => current,
    async update(patch) {
      const { scanner, ...rest } = patch;
      const next: Partial<Settings> = { ...(rest as Partial<Settings>) };
      if (scanner) next.scanner = { ...current.scanner, ...(scanner as Partial<Settings['scanner']>) };
      set(next);
      return { ok: true, settings: current };
    },
    isConfigured: () =>
      current.appKey !== '' &&
      (current.brandId !== '' || current.outBrandId !== '') &&
      (current.shopId !== '' || current.outShopId !== ''),
    notices: (): Notice[] => [],
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set,
  };
}

export function memoryVault(initial: Partial<Record<SecretName, string>> = {}): Vault {
  const secrets = new Map<SecretName, string>(Object.entries(initial) as [SecretName, string][]);
  return {
    get: async (name) => secrets.get(name),
    set: async (name, value) => void secrets.set(name, value),
    delete: async (name) => void secrets.delete(name),
    protection: async () => 'encrypted',
  };
}

export function memoryJournal(): Journal & { entries: JournalEntry[] } {
  const entries: JournalEntry[] = [];
  return {
    entries,
    record: (entry) => void entries.push(entry),
    recent: async (limit) => entries.slice(-limit).reverse(),
    flush: async () => {},
  };
}

/** A logger that keeps every line as JSON text, so tests can grep it for secrets. */
export function memoryLogger(): {
  lines: string[];
  info: Logger['info'];
  warn: Logger['warn'];
  error: Logger['error'];
} {
  const lines: string[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push(JSON.stringify({ level, message, ...fields }));
  return { lines, info: log('info'), warn: log('warn'), error: log('error') };
}
