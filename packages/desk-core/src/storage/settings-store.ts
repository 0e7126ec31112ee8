/**
 * settings.json in `userData`: one versioned schema, atomic writes with the previous version
 * kept as settings.json.bak, recovery with a notice, never a silent reset.
 */
import type { Notice } from '@balance-desk/contract';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Logger, Settings, SettingsStore } from '../ports';
import { noopLogger } from '../logger';
import { type AtomicWriteHooks, writeFileAtomic } from './atomic-file';
import { isGatewayResolvable } from './gateway';
import { SerialQueue } from './serial-queue';
import { serializeSettings } from './settings-file';
import { loadSettings } from './settings-load';
import { applySettingsPatch } from './settings-patch';

export const SETTINGS_FILE_NAME = 'settings.json';

export interface SettingsStoreOptions {
  /** Usually Electron's `userData`. Created if missing. */
  dir: string;
  logger?: Logger;
  now?: () => Date;
  /** Crash-simulation seams for tests (see atomic-file.ts); never set by the app. */
  writeHooks?: AtomicWriteHooks;
}

function freeze(settings: Settings): Settings {
  Object.freeze(settings.scanner);
  return Object.freeze(settings);
}

function sameSettings(a: Settings, b: Settings): boolean {
  return serializeSettings(a) === serializeSettings(b);
}

/**
 * Opens the store; never throws for a missing or broken file (see settings-load.ts). The
 * returned settings objects are frozen: a change goes through `update`.
 * `update` rejects only when the file cannot be written (disk full, permissions).
 */
export async function openSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const logger = options.logger ?? noopLogger;
  const now = options.now ?? (() => new Date());
  const file = path.join(options.dir, SETTINGS_FILE_NAME);
  await fs.mkdir(options.dir, { recursive: true }).catch(() => undefined);

  const loaded = await loadSettings(file, now, logger);
  let current = freeze(loaded.settings);
  let primaryIsGood = loaded.primaryIsGood;
  const notices: Notice[] = [...loaded.notices];
  const listeners = new Set<(settings: Settings) => void>();
  const queue = new SerialQueue();

  async function write(settings: Settings, backup: boolean): Promise<void> {
    const hooks = options.writeHooks;
    await writeFileAtomic(file, serializeSettings(settings), { backup, ...(hooks ? { hooks } : {}) });
    primaryIsGood = true;
  }

  if (loaded.rewrite) {
    try {
      // Migrated: keep the old-version file as .bak. Recovered: settings.json is gone or set aside, .bak is the good one.
      await write(current, loaded.rewrite === 'migrated');
    } catch (error) {
      logger.error('settings: could not rewrite the settings file', {
        code: (error as NodeJS.ErrnoException).code,
      });
    }
  }

  return {
    get: () => current,
    update: (patch) =>
      queue.run(async () => {
        const result = applySettingsPatch(current, patch);
        if (!result.ok) return result;
        // Unchanged (e.g. a provisioning file re-applied at every start): no write, so .bak keeps the real previous version.
        if (sameSettings(result.settings, current)) return { ok: true as const, settings: current };
        const next = freeze(result.settings);
        await write(next, primaryIsGood);
        current = next;
        for (const listener of listeners) {
          try {
            listener(next);
          } catch (error) {
            logger.error('settings: change listener failed', { message: (error as Error).message });
          }
        }
        return { ok: true as const, settings: next };
      }),
    isConfigured: () =>
      isGatewayResolvable(current) &&
      current.appKey !== '' &&
      (current.brandId !== '' || current.outBrandId !== '') &&
      (current.shopId !== '' || current.outShopId !== ''),
    notices: () => [...notices],
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
