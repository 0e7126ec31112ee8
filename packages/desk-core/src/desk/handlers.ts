import type { ChannelName, ChannelRequest, ChannelResponse, SettingsView } from '@balance-desk/contract';
import type { ClientPool } from '../lookup/client-pool';
import type { LookupService } from '../lookup/lookup-service';
import type { RateGuard } from '../lookup/rate-guard';
import type { Journal, Logger, PinStore, ProxyResolver, SettingsStore, Vault } from '../ports';
import type { ManagerSessions } from './manager-sessions';
import type { ModeController } from './mode';
import type { NoticeBoard } from './notices';
import { createPrintHandlers } from '../output/print-handlers';
import type { PrintService } from '../output/print-service';
import type { ShownResult } from '../output/shown-result';
import type { CustomerFeed } from '../customer/customer-feed';
import { customerHandlers, type DisplayLister } from '../customer/customer-handlers';
import { counterHandlers } from './counter-handlers';
import { settingsHandlers } from './settings-handlers';
import { managerHandlers } from './manager-handlers';
import { connectionTestHandler } from './connection-test-handler';

export type Handler<C extends ChannelName> = (request: ChannelRequest<C>) => Promise<ChannelResponse<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };

export interface HandlerContext {
  settings: SettingsStore;
  vault: Vault;
  pins: PinStore;
  journal: Journal;
  lookup: LookupService;
  sessions: ManagerSessions;
  mode: ModeController;
  notices: NoticeBoard;
  version: string;
  logger: Logger;
  now: () => Date;
  /** The lookups' client pool and rate guard, shared by connection tests. */
  clients: ClientPool;
  guard: RateGuard;
  /** The system proxy, for connection tests of settings that name none. */
  proxies?: ProxyResolver | undefined;
  /** The customer-facing display's feed and the displays it may go on. */
  customer: CustomerFeed;
  displays?: DisplayLister | undefined;
  emitKioskExit(): void;
  emitSettingsChanged(view: SettingsView): void;
  /** Balance slips (output/): the answer on screen, and the printer it goes to. */
  shown: ShownResult;
  print: PrintService;
}

/**
 * One small function per channel (authorize, call the part that knows, answer), grouped by who
 * asks: the counter screen, the settings form, the manager, the connection test, slips, the
 * customer display.
 */
export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    ...counterHandlers(ctx),
    ...settingsHandlers(ctx),
    ...managerHandlers(ctx),
    'connection:test': connectionTestHandler(ctx),
    ...createPrintHandlers(ctx),
    ...customerHandlers(ctx.customer, ctx.displays),
  };
}
