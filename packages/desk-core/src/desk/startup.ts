import { gatewayOrigin } from '@balance-desk/contract';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { ClientPool } from '../lookup/client-pool';
import { createLookupService, type LookupService } from '../lookup/lookup-service';
import { createRateGuard, type RateGuard } from '../lookup/rate-guard';
import { envProxyResolver } from '../network/env-proxy';
import { cachingProxyResolver } from '../network/proxy-cache';
import {
  VaultRefusedError,
  type Journal,
  type Logger,
  type ProxyResolver,
  type SettingsStore,
  type Vault,
} from '../ports';
import { gatewayUrlFor } from '../storage/settings/gateway';
import { createCipherVault, VAULT_FILE_NAME } from '../storage/vault/vault';
import { openJournal } from '../storage/journal/journal';
import { openPinStore, type ManagerPinStore } from '../storage/pin/pin-store';
import { openSettingsStore, SETTINGS_FILE_NAME } from '../storage/settings/settings-store';
import type { FsPort } from '../storage/files/fs-port';
import { errorName } from '../util/error-name';
import { openConfigurationHistory, type ConfigurationHistory } from './configuration-history';
import type { DeskOptions } from './desk';
import { createModeController, type ModeController } from './mode';
import { NoticeBoard } from './notices';
import { applyProvisioning } from './provisioning';

/** What createDesk does before it answers: open the stores, check the history, provision, start the services. */

/** Without an OS cipher nothing secret may be stored (secrets fail closed). */
const refusingVault: Vault = {
  get: () => Promise.resolve(undefined),
  getBound: () => Promise.resolve(undefined),
  set: () => Promise.reject(new VaultRefusedError('unavailable')),
  delete: () => Promise.resolve(),
  protection: () => Promise.resolve('unavailable'),
};

/**
 * Secrets stored by a version without gateway origins belong to the gateway of the settings they
 * were used with: bind them to it once, before provisioning can change the gateway. Only from
 * settings.json as saved: settings restored from a backup (or reset) may name another gateway than
 * the one the secret was entered for, so those secrets stay unbound and sign nothing until entered again.
 */
async function bindUnboundSecrets(settings: SettingsStore, vault: Vault, logger: Logger): Promise<void> {
  if (!vault.bindUnbound || !settings.isConfigured() || settings.notices().length > 0) return;
  const origin = gatewayOrigin(gatewayUrlFor(settings.get()));
  if (origin === undefined) return;
  try {
    await vault.bindUnbound(origin);
  } catch (error) {
    logger.warn('vault: binding secrets to their gateway failed', {
      error: errorName(error),
    });
  }
}

/** The stores under the Desk, opened in order: settings first (the vault consults them). */
export interface Stores {
  settings: SettingsStore;
  vault: Vault;
  pins: ManagerPinStore;
  notices: NoticeBoard;
  journal: Journal;
  /** Whether settings.json existed before the settings store opened (and perhaps recovered) it. */
  hadSettingsFile: boolean;
  fsPort: { fs?: FsPort };
}

export interface Basics {
  options: DeskOptions;
  logger: Logger;
  now: () => Date;
}

export async function openStores({ options, logger, now }: Basics): Promise<Stores> {
  const dir = options.dataDir;
  const hadSettingsFile = await access(path.join(dir, SETTINGS_FILE_NAME)).then(
    () => true,
    () => false,
  );
  const fsPort = options.fs ? { fs: options.fs } : {};
  const settings = await openSettingsStore({ dir, logger, now, ...fsPort });
  const vault =
    options.vault ??
    (options.cipher
      ? createCipherVault({
          file: path.join(dir, VAULT_FILE_NAME),
          cipher: options.cipher,
          allowInsecure: () => settings.get().insecureStorageAccepted,
          logger,
          ...fsPort,
        })
      : refusingVault);
  const pins = await openPinStore({
    dir,
    logger,
    now,
    ...(options.pinCost ? { cost: options.pinCost } : {}),
    ...fsPort,
  });
  const notices = new NoticeBoard(now, [() => settings.notices(), () => pins.notices()]);
  const journal = await openJournal({
    dir: path.join(dir, 'journal'),
    logger,
    now,
    onClockJump: ({ detail }) => notices.raise('clock-jump-detected', detail),
  });
  await bindUnboundSecrets(settings, vault, logger);
  return { settings, vault, pins, notices, journal, hadSettingsFile, fsPort };
}

/** The configuration history, with kiosk kept as it was when the settings were lost. */
export async function openHistory(
  { options, logger, now }: Basics,
  { settings, vault, pins, hadSettingsFile }: Stores,
): Promise<ConfigurationHistory> {
  const loadNotices = settings.notices().map((n) => n.code);
  const history = await openConfigurationHistory({
    dir: options.dataDir,
    settings,
    vault,
    pins,
    // Defaults in use because settings.json was missing (and no backup restored) or nothing was readable.
    settingsMissing:
      loadNotices.includes('settings-reset-unreadable') ||
      (!hadSettingsFile && !loadNotices.includes('settings-recovered-from-backup')),
    now,
    logger,
  });
  if (history.lost()) {
    // Kiosk stays as it was (on when unknown): a terminal that lost its settings is still a till.
    await settings
      .update({ kiosk: history.kioskWhenLost() })
      .catch((error: unknown) =>
        logger.error('settings: kiosk could not be kept on', { code: (error as NodeJS.ErrnoException).code }),
      );
  }
  return history;
}

/** IT's provisioning file, if any; resolves whether lookups must stay stopped (fail closed). */
export async function provisionAtStart(
  { options, logger, now }: Basics,
  { settings, vault, pins, notices, journal, fsPort }: Stores,
  history: ConfigurationHistory,
): Promise<boolean> {
  const provisioned = await applyProvisioning({
    argv: options.argv ?? [],
    wellKnownPaths: options.wellKnownProvisionPaths ?? [],
    settings,
    vault,
    pins,
    notices,
    logger,
    now,
    ...fsPort,
    onResult: async ({ ok, detail }) => {
      journal.recordManagerEvent({
        at: now().toISOString(),
        event: 'provisioning',
        outcome: ok ? 'ok' : 'failed',
        ...(detail ? { detail: detail.slice(0, 300) } : {}),
      });
      await (ok ? history.noteProvisioned(settings.get().kiosk) : history.noteProvisioningRefused());
    },
  });
  // Remembered: a restart without the provisioning file must not look up with half-new settings.
  if (provisioned.failClosed) await history.noteFailedClosed();
  else if (history.failedClosed())
    notices.raise(
      'provisioning-failed',
      'an earlier provisioning run could not be undone and the settings may be half-new: lookups are stopped until this terminal is provisioned again',
    );
  if (settings.isConfigured()) await history.noteConfigured(settings.get().kiosk);
  return provisioned.failClosed;
}

/**
 * Secure storage missing, or plain text not yet accepted by a manager: a notice says so. Returns
 * how the second notice follows the manager's acceptance when settings change, both ways: accepted
 * clears it; withdrawn, or put back by a failed save, raises it again.
 */
export async function raiseStorageNotices(
  { options }: Basics,
  { settings, vault, notices }: Stores,
): Promise<(accepted: boolean) => void> {
  const protection = await vault.protection();
  if (protection === 'unavailable') notices.raise('secure-storage-unavailable');
  // Only the OS cipher explains itself: the file cipher of tests and the web preview is insecure by design.
  const insecureReason = options.cipher?.insecureReason?.();
  const followAcceptance = (accepted: boolean): void => {
    if (protection !== 'insecure' || insecureReason === undefined || accepted)
      notices.clear('secure-storage-insecure');
    else if (!notices.has('secure-storage-insecure'))
      notices.raise('secure-storage-insecure', insecureReason);
  };
  followAcceptance(settings.get().insecureStorageAccepted);
  return followAcceptance;
}

export interface Services {
  proxies: ProxyResolver;
  mode: ModeController;
  clients: ClientPool;
  guard: RateGuard;
  lookup: LookupService;
}

/** Demo or production, the client pool, the rate guard and the lookup service, with the mode refreshed once. */
export async function startServices(
  { options, logger, now }: Basics,
  { settings, vault, notices, journal }: Stores,
  history: ConfigurationHistory,
  failClosed: boolean,
): Promise<Services> {
  // The mode's first refresh also raises `secret-unreadable-reprovision` for an app secret the vault cannot decrypt.
  const proxies = cachingProxyResolver(options.proxyResolver ?? envProxyResolver());
  const mode = createModeController({
    settings,
    vault,
    proxies,
    demo: options.demo ?? true,
    failClosed: failClosed || history.failedClosed(),
    logger,
    notices,
    history,
    ...(options.startDemo ? { startDemo: options.startDemo } : {}),
  });
  // One pool and one rate guard for lookups and connection tests: the same app key, the same warm client.
  const clients = new ClientPool(options.clientFactory);
  const guardOption = options.lookup?.rateGuard;
  const guard = guardOption && 'tryTake' in guardOption ? guardOption : createRateGuard(guardOption);
  const lookup = createLookupService({
    settings,
    vault,
    journal,
    logger,
    now,
    resolveTarget: mode.resolveTarget,
    clients,
    ...(options.lookup?.retry ? { retry: options.lookup.retry } : {}),
    rateGuard: guard,
  });
  await mode.refresh();
  return { proxies, mode, clients, guard, lookup };
}
