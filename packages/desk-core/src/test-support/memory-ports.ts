import type { JournalEntry, ManagerEvent, Notice } from '@balance-desk/contract';
import type { BoundSecret, Journal, Logger, SecretName, Settings, SettingsStore, Vault } from '../ports';
import { defaultSettings } from '../storage/settings/settings-schema';

/** Tiny in-memory ports for the service tests (the real file-backed ones are tested beside them in storage/). */
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

/** Secrets given as plain strings are bound to `origin` (the memorySettings default gateway's by default). */
export function memoryVault(
  initial: Partial<Record<SecretName, string>> = {},
  origin: string | undefined = 'https://eco.taobao.com',
): Vault {
  const secrets = new Map<SecretName, BoundSecret>(
    (Object.entries(initial) as [SecretName, string][]).map(([name, value]) => [name, { value, origin }]),
  );
  return {
    get: async (name) => secrets.get(name)?.value,
    getBound: async (name) => secrets.get(name),
    set: async (name, value, bound) => void secrets.set(name, { value, origin: bound }),
    delete: async (name) => void secrets.delete(name),
    protection: async () => 'encrypted',
  };
}

export function memoryJournal(): Journal & { entries: JournalEntry[]; events: ManagerEvent[] } {
  const entries: JournalEntry[] = [];
  const events: ManagerEvent[] = [];
  return {
    entries,
    events,
    record: (entry) => void entries.push(entry),
    recent: async (limit) => entries.slice(-limit).reverse(),
    recordManagerEvent: (event) => void events.push(event),
    recentManagerEvents: async (limit) => events.slice(-limit).reverse(),
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
