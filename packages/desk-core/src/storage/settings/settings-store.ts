/**
 * settings.json in `userData`: one versioned schema, atomic writes with the previous version
 * kept as settings.json.bak, recovery with a notice, never a silent reset.
 */
import type { Notice } from '@balance-desk/contract';
import path from 'node:path';
import type { Logger, Restorable, Settings, SettingsStore } from '../../ports';
import { noopLogger } from '../../logger';
import { type AtomicWriteHooks, captureFiles, writeFileAtomic } from '../files/atomic-file';
import { type FsPort, nodeFs } from '../files/fs-port';
import { isGatewayResolvable } from './gateway';
import { SerialQueue } from '../files/serial-queue';
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
  /** Tests and `pnpm drill`: a file-system port that fails chosen writes. */
  fs?: FsPort;
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
export async function openSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore & Restorable> {
  const logger = options.logger ?? noopLogger;
  const now = options.now ?? (() => new Date());
  const port = options.fs ?? nodeFs;
  const file = path.join(options.dir, SETTINGS_FILE_NAME);
  await port.mkdir(options.dir).catch(() => undefined);

  const loaded = await loadSettings(file, now, logger, port);
  let current = freeze(loaded.settings);
  let primaryIsGood = loaded.primaryIsGood;
  // A newer version's fields (after a rollback) travel with every write, so rolling forward loses nothing.
  const kept = loaded.kept;
  const notices: Notice[] = [...loaded.notices];
  const listeners = new Set<(settings: Settings) => void>();
  const queue = new SerialQueue();

  async function write(settings: Settings, backup: boolean): Promise<void> {
    const hooks = options.writeHooks;
    await writeFileAtomic(file, serializeSettings(settings, kept), {
      backup,
      fs: port,
      ...(hooks ? { hooks } : {}),
    });
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

  function notify(next: Settings): void {
    for (const listener of listeners) {
      try {
        listener(next);
      } catch (error) {
        logger.error('settings: change listener failed', { message: (error as Error).message });
      }
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
        notify(next);
        return { ok: true as const, settings: next };
      }),
    capture: () =>
      queue.run(async () => {
        const restoreFiles = await captureFiles([file, `${file}.bak`], port);
        const settings = current;
        const wasGood = primaryIsGood;
        return {
          name: SETTINGS_FILE_NAME,
          restore: () =>
            queue.run(async () => {
              await restoreFiles();
              primaryIsGood = wasGood;
              if (sameSettings(settings, current)) return;
              current = settings;
              notify(settings);
            }),
        };
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
