import type { IpcFailure, LookupError, LookupOk } from '@balance-desk/contract';
import { create } from 'zustand';
import { bridge } from '../../bridge';
import { DEFAULT_SCREEN_SETTINGS, normalizeCardText } from '@balance-desk/contract/model';
import { markAnswered, markEnter } from '../../lib/perf';
import { recordScan } from '../../lib/scan-log';
import type { DroppedRead } from '../scanner/detector';

type LookupSource = 'scan' | 'typed' | 'keypad' | 'recent' | 'demo' | 'retry';

/** What the result area shows. Each answer belongs to one lookup (`seq`); nothing older is ever shown as current. */
export type Display =
  | { kind: 'idle' }
  | { kind: 'pending'; seq: number; cardId: string }
  | { kind: 'ok'; seq: number; cardId: string; outcome: LookupOk }
  | { kind: 'error'; seq: number; cardId: string; outcome: LookupError }
  /** The call itself failed (IpcReply ok:false, no bridge, no answer in time). */
  | { kind: 'failed'; seq: number; cardId: string; failure: IpcFailure };

export interface RecentLookup {
  /** Kept only in this renderer's memory, shown masked. */
  cardId: string;
  at: number;
}

export const RECENT_LIMIT = 10;
/** Different cards refused in a row as an invalid parameter before the screen suspects the shop setting. */
export const SUSPECT_SETTINGS_AFTER = 3;
/** Beyond desk-core's own request timeout (≤ 60 s): the screen never waits forever. */
const WATCHDOG_EXTRA_MS = 5000;

interface LookupState {
  draft: string;
  display: Display;
  recent: RecentLookup[];
  idleClearSeconds: number;
  requestTimeoutMs: number;
  /** When the shown answer clears itself (epoch ms), or null. */
  clearAt: number | null;
  /** A scanner read was dropped, not looked up: the screen says "scan again" instead of idle. */
  scanNotice: DroppedRead | null;
  /**
   * Cards refused one after another as an invalid parameter (the CRM's isv.invalid-parameter on a
   * card that passed the local checks). Several different ones point at the shop setting.
   */
  invalidParamCards: string[];
  /**
   * The number of the newest lookup: an answer for any other is never shown. With the timers below,
   * bookkeeping no component selects, kept in the store so a fresh store is a fresh start.
   */
  seq: number;
  /** Clears the answer at `clearAt`. */
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Shows a failure if main never answers the pending lookup. */
  watchdog: ReturnType<typeof setTimeout> | undefined;
  dismissSettingsHint: () => void;
  /** Stops both timers (a test's teardown, too). */
  stopTimers: () => void;

  configure: (options: { idleClearSeconds: number; requestTimeoutMs: number }) => void;
  setDraft: (text: string) => void;
  /** Appends a key's text (keypad digits, keys given back by the scanner detector). */
  typeKey: (text: string) => void;
  backspace: () => void;
  clearDraft: () => void;
  /** Enter (field, keypad or anywhere): look up the draft, or retry a retriable error when the field is empty. */
  enter: (source?: 'typed' | 'keypad') => void;
  lookup: (cardId: string, source: LookupSource) => Promise<void>;
  retry: () => void;
  /** Esc and the idle timer: back to "scan a card", nothing of the last customer left on screen. */
  clear: () => void;
  /**
   * The scanner dropped a read (incomplete, or not a card): no lookup, and nothing of the previous
   * card stays on screen to be mistaken for this one's balance.
   */
  scanDropped: (kind: DroppedRead) => void;
}

function pushRecent(recent: RecentLookup[], cardId: string, at: number): RecentLookup[] {
  return [{ cardId, at }, ...recent.filter((r) => r.cardId !== cardId)].slice(0, RECENT_LIMIT);
}

export function isRetriable(display: Display): boolean {
  return display.kind === 'failed' || (display.kind === 'error' && display.outcome.retriable);
}

/**
 * The streak of different cards the CRM called an invalid parameter. An answer that proves the
 * shop setting works (balances, not found, a card's state) ends it; a network fault says nothing.
 */
function nextInvalidParamCards(streak: string[], display: Display): string[] {
  if (display.kind === 'ok') return streak.length === 0 ? streak : [];
  if (display.kind !== 'error') return streak;
  const { reason, detail } = display.outcome;
  if (reason === 'invalid-card' && detail.code !== undefined)
    return streak.includes(display.cardId)
      ? streak
      : [...streak, display.cardId].slice(-SUSPECT_SETTINGS_AFTER);
  if (reason === 'not-found' || reason === 'card-state' || reason === 'rejected')
    return streak.length === 0 ? streak : [];
  return streak;
}

const initial = {
  draft: '',
  display: { kind: 'idle' } as Display,
  recent: [] as RecentLookup[],
  // Until settings:get answers: a fresh terminal's values.
  idleClearSeconds: DEFAULT_SCREEN_SETTINGS.idleClearSeconds,
  requestTimeoutMs: DEFAULT_SCREEN_SETTINGS.requestTimeoutMs,
  clearAt: null as number | null,
  scanNotice: null as DroppedRead | null,
  invalidParamCards: [] as string[],
  seq: 0,
  idleTimer: undefined,
  watchdog: undefined,
};

export const useLookupStore = create<LookupState>()((set, get) => {
  /**
   * The privacy countdown ran out: the answer goes, but a card number the cashier has started
   * typing for the next customer stays. Esc (`clear`) still empties everything.
   */
  function idleClear(): void {
    nextSeq();
    get().stopTimers();
    set({ display: { kind: 'idle' }, clearAt: null, scanNotice: null });
    // The customer display clears with the cashier screen.
    void bridge.clearCustomerView();
  }

  /** Shows an answer and starts the privacy countdown. */
  function show(display: Exclude<Display, { kind: 'idle' | 'pending' }>): void {
    get().stopTimers();
    const ms = get().idleClearSeconds * 1000;
    set((s) => ({
      idleTimer: setTimeout(idleClear, ms),
      display,
      clearAt: Date.now() + ms,
      scanNotice: null,
      invalidParamCards: nextInvalidParamCards(s.invalidParamCards, display),
    }));
  }

  /** A new lookup number: whatever is in flight for the previous one is never shown. */
  function nextSeq(): number {
    const seq = get().seq + 1;
    set({ seq });
    return seq;
  }

  return {
    ...initial,

    stopTimers() {
      const { idleTimer, watchdog } = get();
      if (idleTimer === undefined && watchdog === undefined) return;
      clearTimeout(idleTimer);
      clearTimeout(watchdog);
      set({ idleTimer: undefined, watchdog: undefined });
    },

    configure({ idleClearSeconds, requestTimeoutMs }) {
      set({ idleClearSeconds, requestTimeoutMs });
    },

    setDraft(text) {
      set({ draft: text.slice(0, 1024) });
    },
    typeKey(text) {
      set((s) => ({ draft: (s.draft + text).slice(0, 1024) }));
    },
    backspace() {
      set((s) => ({ draft: s.draft.slice(0, -1) }));
    },
    clearDraft() {
      set({ draft: '' });
    },

    enter(source = 'typed') {
      const cardId = normalizeCardText(get().draft);
      if (cardId !== '') void get().lookup(cardId, source);
      else if (isRetriable(get().display)) get().retry();
    },

    async lookup(rawCardId, source) {
      const cardId = normalizeCardText(rawCardId);
      if (cardId === '') return;
      const mine = get().seq + 1;
      markEnter(mine, source);
      if (source === 'scan') recordScan(cardId);
      get().stopTimers();
      // Ask main first, render the pending state second: the request is on its way while React
      // renders (bench:ui measures this path).
      const answer = bridge.lookupBalance({ cardId });
      // The field is emptied too: the full card id never lingers on screen, and whatever a
      // scanner typed into a focused field before its burst was recognised is gone.
      set((s) => ({
        seq: mine,
        draft: '',
        display: { kind: 'pending', seq: mine, cardId },
        clearAt: null,
        scanNotice: null,
        recent: pushRecent(s.recent, cardId, Date.now()),
      }));
      const watchdog = setTimeout(() => {
        if (get().seq === mine)
          show({
            kind: 'failed',
            seq: mine,
            cardId,
            failure: { code: 'internal', message: 'no answer in time' },
          });
      }, get().requestTimeoutMs + WATCHDOG_EXTRA_MS);
      set({ watchdog });

      const reply = await answer;
      if (get().seq !== mine) return; // a newer lookup replaced this one: its late answer is never shown
      markAnswered(mine);
      if (!reply.ok) {
        show({ kind: 'failed', seq: mine, cardId, failure: reply.error });
        return;
      }
      const outcome = reply.value;
      if (outcome.kind === 'cancelled') {
        // main cancels a lookup only when a newer one superseded it. A newer lookup of this screen
        // already returned above (its own answer is coming; it stays pending). Reaching here, the
        // newer one is not ours to wait for, so waiting would only end in the watchdog's "no
        // answer": go back to "scan a card" at once, with nothing of this card shown.
        get().stopTimers();
        set({ display: { kind: 'idle' }, clearAt: null });
        return;
      }
      if (normalizeCardText(outcome.cardId) !== cardId) {
        // An answer about another card is never shown as this card's balance.
        show({
          kind: 'failed',
          seq: mine,
          cardId,
          failure: { code: 'internal', message: 'answer for another card' },
        });
        return;
      }
      show(
        outcome.kind === 'ok'
          ? { kind: 'ok', seq: mine, cardId, outcome }
          : { kind: 'error', seq: mine, cardId, outcome },
      );
    },

    retry() {
      const { display } = get();
      if (display.kind === 'idle' || display.kind === 'pending' || !isRetriable(display)) return;
      void get().lookup(display.cardId, 'retry');
    },

    dismissSettingsHint() {
      set({ invalidParamCards: [] });
    },

    clear() {
      nextSeq(); // an answer still in flight must not pop up after Esc
      get().stopTimers();
      set({ display: { kind: 'idle' }, draft: '', clearAt: null, scanNotice: null });
      void bridge.clearCustomerView();
    },

    scanDropped(kind) {
      nextSeq(); // an answer still in flight belongs to the previous card: never shown now
      get().stopTimers();
      set({ idleTimer: setTimeout(idleClear, get().idleClearSeconds * 1000) });
      // The field too: a scan's first keys may have landed there before it was recognised.
      set({ display: { kind: 'idle' }, draft: '', clearAt: null, scanNotice: kind });
      void bridge.clearCustomerView();
    },
  };
});
