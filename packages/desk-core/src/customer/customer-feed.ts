/**
 * The customer-facing display's feed, main-side: it follows the cashier's lookups
 * and clears, builds the customer view (counter-output's `buildCustomerView`: masked card, usable
 * balance, a neutral line for any error, the store's welcome at rest) in the customer's language,
 * and hands each new view to its subscribers — the Electron customer window and the web preview's
 * `/customer` page. It has its own clear timer (`customerDisplay.clearAfterSeconds`).
 */
import type { CustomerView, CustomerViewUpdate, LookupOutcome } from '@balance-desk/contract';
import { buildCustomerView } from '@balance-desk/counter-output';
import type { Logger, Settings } from '../ports';
import { ViewBroadcast, type FeedTimers } from './view-broadcast';

export interface CustomerFeedDeps {
  /** The current settings: store name and `customerDisplay` are read at every view. */
  settings: () => Settings;
  /** The store's name as the status bar shows it (the demo shop's in demo mode); default `shopName`. */
  storeName?: () => string;
  logger?: Logger;
  /** Tests: a fake clock. */
  timers?: FeedTimers;
}

/** Which lookup an answer belongs to: only the newest one's answer reaches the customer. */
type LookupTicket = number;

export interface CustomerFeed {
  current: () => CustomerViewUpdate;
  /** Called with every new view; returns an unsubscribe. */
  subscribe: (listener: (update: CustomerViewUpdate) => void) => () => void;
  /** The next view after `afterSeq`, or the current one after `timeoutMs` (long-poll). */
  next: (afterSeq: number, timeoutMs: number) => Promise<CustomerViewUpdate>;
  /** A scan started: the customer display goes to rest, as the cashier screen shows "pending". */
  lookupStarted(): LookupTicket;
  /** The lookup's answer; ignored unless it is the newest lookup's (a superseded one answers `cancelled`). */
  answered(ticket: LookupTicket, outcome: LookupOutcome): void;
  /** The cashier screen went back to rest (Esc, idle clear). */
  clear(): void;
  /** Settings changed (language, show parts, store name): the same outcome, shown anew. */
  refresh(): void;
  close(): void;
}

const nodeTimers: FeedTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createCustomerFeed(deps: CustomerFeedDeps): CustomerFeed {
  const timers = deps.timers ?? nodeTimers;
  let outcome: LookupOutcome | null = null;
  let ticket = 0;
  let clearTimer: unknown;

  const build = (): CustomerView => customerViewOf(deps, outcome);
  const views = new ViewBroadcast(build(), timers, deps.logger);

  const stopTimer = (): void => {
    if (clearTimer !== undefined) timers.clearTimeout(clearTimer);
    clearTimer = undefined;
  };

  const show = (next: LookupOutcome | null): void => {
    if (views.closed) return;
    stopTimer();
    outcome = next;
    views.publish(build());
    if (next === null) return;
    const seconds = deps.settings().customerDisplay.clearAfterSeconds;
    clearTimer = timers.setTimeout(() => {
      clearTimer = undefined;
      show(null);
    }, seconds * 1000);
  };

  return {
    current: () => views.current(),
    subscribe: (listener) => views.subscribe(listener),
    next: (afterSeq, timeoutMs) => views.next(afterSeq, timeoutMs),
    lookupStarted() {
      ticket += 1;
      // Already at rest: nothing changes for the customer, so nothing is sent.
      if (outcome !== null) show(null);
      return ticket;
    },
    answered(of, answer) {
      if (of !== ticket || answer.kind === 'cancelled') return;
      show(answer);
    },
    clear() {
      ticket += 1;
      if (outcome !== null) show(null);
    },
    refresh() {
      if (!views.closed) views.publish(build());
    },
    close() {
      stopTimer();
      views.close();
    },
  };
}

/** What the customer sees for `outcome` (null: at rest), with the settings as they are now. */
function customerViewOf(deps: CustomerFeedDeps, outcome: LookupOutcome | null): CustomerView {
  const settings = deps.settings();
  return buildCustomerView(outcome, {
    storeName: deps.storeName?.() ?? settings.shopName,
    locale: settings.customerDisplay.locale,
    showParts: settings.customerDisplay.showParts,
  });
}
