import type {
  ChannelName,
  ChannelRequest,
  ChannelResponse,
  PrinterSettings,
  SettingsView,
} from '@balance-desk/contract';
import { hostname } from 'node:os';
import type { DemoGateway } from './demo-gateway';
import type { ClientFactory } from '../lookup/client-pool';
import type { LookupServiceDeps } from '../lookup/lookup-service';
import { noopLogger } from '../logger';
import type { Logger, ProxyResolver, Vault } from '../ports';
import type { ScryptCost } from '../storage/pin/pin-hash';
import type { SecretCipher } from '../storage/vault/vault';
import type { FsPort } from '../storage/files/fs-port';
import { errorName } from '../util/error-name';
import { createHandlers, type Handler, type HandlerContext } from './handlers';
import { ManagerSessions } from './manager-sessions';
import { openHistory, openStores, provisionAtStart, raiseStorageNotices, startServices } from './startup';
import { createPrintService, type SlipPreview } from '../output/print-service';
import { ShownResult } from '../output/shown-result';
import type { SlipPrinter } from '../output/slip-printer';
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
  /** The HTML slip of the result on screen (the web preview's `/slip`); not an IPC channel. */
  slipPreview(paperWidthMm?: 58 | 80): SlipPreview | { kind: 'none'; reason: string };
  /** What the customer-facing display shows, and each change of it. */
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
  /** OS printing for `system` printers (Electron: a hidden window); without it they answer `printer-unavailable`. */
  slipPrinter?: SlipPrinter;
  /** The terminal's name on slips. Default: the host name. */
  terminalName?: string;
  /** The zone of the slip's local time. Default: this machine's. */
  timeZone?: string;
  /** Tests: network-printer connect and write limits. */
  printTimeouts?: { connectMs: number; writeMs: number };
  /**
   * The web preview's printer simulator: slips go there while the terminal runs on the demo gateway
   * with no printer set (docs/WEB-PREVIEW.md). Never saved to settings.
   */
  demoPrinter?: PrinterSettings;
  /** Electron: the displays from `screen.getAllDisplays()`, for the customer display's setting. */
  displays?: DisplayLister;
}

/** Subscribers to one Desk event: a listener that throws is logged, and the others still hear it. */
function listenerSet<T extends unknown[]>(logger: Logger) {
  const listeners = new Set<(...args: T) => void>();
  return {
    add(callback: (...args: T) => void): () => void {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    emit(...args: T): void {
      for (const listener of listeners) {
        try {
          listener(...args);
        } catch (error) {
          logger.error('desk: listener failed', { error: errorName(error) });
        }
      }
    },
  };
}

export async function createDesk(options: DeskOptions): Promise<Desk> {
  const basics = { options, logger: options.logger ?? noopLogger, now: options.now ?? (() => new Date()) };
  const { logger, now } = basics;
  const stores = await openStores(basics);
  const { settings, vault, pins, notices, journal } = stores;
  const history = await openHistory(basics, stores);
  const failClosed = await provisionAtStart(basics, stores, history);
  const followInsecureAcceptance = await raiseStorageNotices(basics, stores);
  const { proxies, mode, clients, guard, lookup } = await startServices(basics, stores, history, failClosed);
  const customer = createCustomerFeed({
    settings: () => settings.get(),
    storeName: () => mode.shop().name,
    logger,
  });
  // A settings change from anywhere (provisioning, the store itself) re-decides demo vs production.
  // The client pool needs no telling: its key covers everything a client is built from.
  const unsubscribe = settings.onChange((next) => {
    void (settings.isConfigured() ? history.noteConfigured(next.kiosk) : history.noteKiosk(next.kiosk));
    // The plain-text storage warning stands until a manager accepts the fixed key, and again if not.
    followInsecureAcceptance(next.insecureStorageAccepted);
    // The customer's rest view names the shop, which follows the mode (demo or configured).
    void mode.refresh().then(() => customer.refresh());
  });

  const kioskExits = listenerSet<[]>(logger);
  const settingsChanges = listenerSet<[SettingsView]>(logger);
  const shown = new ShownResult();
  const print = createPrintService({
    settings,
    shop: () => mode.shop(),
    shown,
    logger,
    now,
    terminalName: options.terminalName ?? hostname(),
    timeZone: options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    slipPrinter: options.slipPrinter,
    ...(options.printTimeouts ? { timeouts: options.printTimeouts } : {}),
    demoPrinter: () => (options.demoPrinter && mode.mode() === 'demo' ? options.demoPrinter : null),
  });
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
    emitKioskExit: () => kioskExits.emit(),
    emitSettingsChanged: (view) => settingsChanges.emit(view),
    shown,
    print,
  };
  const handlers = createHandlers(context);
  let closing: Promise<void> | undefined;

  return {
    call: (channel, request) => (handlers[channel] as Handler<typeof channel>)(request),
    onKioskExit: (callback) => kioskExits.add(callback),
    onSettingsChanged: (callback) => settingsChanges.add(callback),
    slipPreview: (paperWidthMm) => print.currentSlipHtml(paperWidthMm),
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
