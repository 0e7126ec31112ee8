import {
  gatewayOrigin,
  type ChannelName,
  type ChannelRequest,
  type ChannelResponse,
  type SettingsView,
} from '@balance-desk/contract';
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { DemoGateway } from '../demo/demo-gateway';
import { ClientPool, type ClientFactory } from '../lookup/client-pool';
import { createLookupService, type LookupServiceDeps } from '../lookup/lookup-service';
import { createRateGuard } from '../lookup/rate-guard';
import { noopLogger } from '../logger';
import { envProxyResolver } from '../network/env-proxy';
import { cachingProxyResolver } from '../network/proxy-cache';
import { VaultRefusedError, type Logger, type ProxyResolver, type SettingsStore, type Vault } from '../ports';
import {
  gatewayUrlFor,
  createCipherVault,
  openJournal,
  openPinStore,
  openSettingsStore,
  SETTINGS_FILE_NAME,
  VAULT_FILE_NAME,
  type ScryptCost,
  type SecretCipher,
} from '../storage/index';
import type { FsPort } from '../storage/fs-port';
import { createHandlers, type Handler, type HandlerContext } from './handlers';
import { ManagerSessions } from './manager-sessions';
import { openConfigurationHistory } from './configuration-history';
import { createModeController } from './mode';
import { NoticeBoard } from './notices';
import { applyProvisioning } from './provisioning';
import { createCustomerFeed, type CustomerFeed } from '../customer/customer-feed';
import type { DisplayLister } from '../customer/customer-handlers';

/** The main process's brain behind one typed entry point, so Electron main stays wiring. */
export interface Desk {
  /** Calls a channel's handler with an already-validated request (dispatchIpc validates untrusted input). */
  call<C extends ChannelName>(channel: C, request: ChannelRequest<C>): Promise<ChannelResponse<C>>;
  /** A manager left kiosk mode (PIN checked); main drops full screen. Returns an unsubscribe. */
  onKioskExit(callback: () => void): () => void;
  /** Settings were saved (by a manager); main re-applies kiosk, locale, start-at-login. Returns an unsubscribe. */
  onSettingsChanged(callback: (view: SettingsView) => void): () => void;
  /** What the customer-facing display shows, and each change of it (issue #11 §2). */
  customerView: Pick<CustomerFeed, 'current' | 'subscribe' | 'next'>;
  close(): Promise<void>;
}

export interface DeskOptions {
  /** Electron's `userData`, or a tmp dir in tests, `.demo-data` for the web preview. */
  dataDir: string;
  /** A ready vault (Electron: safeStorage-backed). Takes precedence over `cipher`. */
  vault?: Vault;
  /** A cipher for `<dataDir>/vault.json` (tests and the web preview use createDevCipher). */
  cipher?: SecretCipher;
  version: string;
  /** Process arguments, searched for `--provision <file>`. */
  argv?: readonly string[];
  /** Where IT may drop a provisioning file when no `--provision` is given. */
  wellKnownProvisionPaths?: readonly string[];
  logger?: Logger;
  now?: () => Date;
  /** Run the embedded demo gateway while nothing is configured. Default true. */
  demo?: boolean;
  /**
   * The system proxy, followed when settings name none. Electron: the session's resolveProxy;
   * default: HTTPS_PROXY / NO_PROXY from the environment.
   */
  proxyResolver?: ProxyResolver;
  /** Tests: wrap or replace the TOP client. */
  clientFactory?: ClientFactory;
  /** Tests: the demo gateway starter. */
  startDemo?: () => Promise<DemoGateway>;
  /** Tests: a cheaper scrypt cost for new PIN hashes. */
  pinCost?: ScryptCost;
  /** Tests and `pnpm drill`: a file-system port under every store (fails chosen writes). */
  fs?: FsPort;
  /** Tests: retry/rate-guard tuning of the lookup service. */
  lookup?: Pick<LookupServiceDeps, 'retry' | 'rateGuard'>;
  /** Electron: the displays from `screen.getAllDisplays()`, for the customer display's setting. */
  displays?: DisplayLister;
}

/** Without an OS cipher nothing secret may be stored (secrets fail closed). */
const refusingVault: Vault = {
  get: async () => undefined,
  getBound: async () => undefined,
  set: async () => {
    throw new VaultRefusedError('unavailable');
  },
  delete: async () => undefined,
  protection: async () => 'unavailable',
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
      error: error instanceof Error ? error.name : typeof error,
    });
  }
}

export async function createDesk(options: DeskOptions): Promise<Desk> {
  const logger = options.logger ?? noopLogger;
  const now = options.now ?? (() => new Date());
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
  const loadNotices = settings.notices().map((n) => n.code);
  const history = await openConfigurationHistory({
    dir,
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

  const protection = await vault.protection();
  if (protection === 'unavailable') notices.raise('secure-storage-unavailable');
  // Only the OS cipher explains itself: the file cipher of tests and the web preview is insecure by design.
  const insecureReason = options.cipher?.insecureReason?.();
  if (protection === 'insecure' && insecureReason !== undefined && !settings.get().insecureStorageAccepted)
    notices.raise('secure-storage-insecure', insecureReason);

  // The mode's first refresh also raises `secret-unreadable-reprovision` for an app secret the vault cannot decrypt.
  const proxies = cachingProxyResolver(options.proxyResolver ?? envProxyResolver());
  const mode = createModeController({
    settings,
    vault,
    proxies,
    demo: options.demo ?? true,
    failClosed: provisioned.failClosed || history.failedClosed(),
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
  // A settings change from anywhere (provisioning, the store itself) re-decides demo vs production.
  // The client pool needs no telling: its key covers everything a client is built from.
  const customer = createCustomerFeed({
    settings: () => settings.get(),
    storeName: () => mode.shop().name,
    logger,
  });
  const unsubscribe = settings.onChange((next) => {
    void (settings.isConfigured() ? history.noteConfigured(next.kiosk) : history.noteKiosk(next.kiosk));
    // The manager accepted the fixed-key storage: the warning has done its job.
    if (next.insecureStorageAccepted) notices.clear('secure-storage-insecure');
    // The customer's rest view names the shop, which follows the mode (demo or configured).
    void mode.refresh().then(() => customer.refresh());
  });

  const kioskListeners = new Set<() => void>();
  const settingsListeners = new Set<(view: SettingsView) => void>();
  const emit = <T extends unknown[]>(listeners: Set<(...args: T) => void>, ...args: T): void => {
    for (const listener of listeners) {
      try {
        listener(...args);
      } catch (error) {
        logger.error('desk: listener failed', { error: error instanceof Error ? error.name : typeof error });
      }
    }
  };
  const context: HandlerContext = {
    settings,
    vault,
    pins,
    journal,
    lookup,
    sessions: new ManagerSessions(() => now().getTime()),
    mode,
    notices,
    version: options.version,
    logger,
    now,
    clients,
    guard,
    proxies,
    customer,
    displays: options.displays,
    emitKioskExit: () => emit(kioskListeners),
    emitSettingsChanged: (view) => emit(settingsListeners, view),
  };
  const handlers = createHandlers(context);
  let closing: Promise<void> | undefined;

  return {
    call: (channel, request) => (handlers[channel] as Handler<typeof channel>)(request),
    onKioskExit(callback) {
      kioskListeners.add(callback);
      return () => kioskListeners.delete(callback);
    },
    onSettingsChanged(callback) {
      settingsListeners.add(callback);
      return () => settingsListeners.delete(callback);
    },
    customerView: {
      current: customer.current,
      subscribe: customer.subscribe,
      next: customer.next,
    },
    close: () =>
      (closing ??= (async () => {
        unsubscribe();
        customer.close();
        context.sessions.revokeAll();
        await lookup.close();
        await clients.close();
        await mode.close();
        await journal.flush();
      })()),
  };
}
