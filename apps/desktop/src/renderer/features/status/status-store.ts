import type { AppStatus, Notice } from '@balance-desk/contract';
import { create } from 'zustand';
import { bridge } from '../../bridge';

interface StatusState {
  status: AppStatus | null;
  /** The last app:status call failed (the bridge itself is unwell). */
  unreachable: boolean;
  /**
   * The last app:status call was refused as not this app's page: in the web preview, a page
   * opened without its token (a copied address) or with an earlier run's.
   */
  forbidden: boolean;
  /** Notices the cashier closed this session (`code|at`). */
  dismissed: string[];
  /**
   * Polls overlap when main is slow: each call is numbered (`asked`), and an answer older than one
   * already `shown` is dropped, so a stale "offline" never overwrites a newer "online" (or the
   * reverse). Bookkeeping no component selects.
   */
  asked: number;
  shown: number;
  poll: ReturnType<typeof setInterval> | undefined;

  refresh: () => Promise<void>;
  dismiss: (notice: Notice) => void;
  /** Online/offline and notices change in main: ask every few seconds until `stopPolling`. */
  startPolling: (intervalMs?: number) => void;
  stopPolling: () => void;
}

export function noticeKey(notice: Notice): string {
  return `${notice.code}|${notice.at}`;
}

export const useStatusStore = create<StatusState>()((set, get) => ({
  status: null,
  unreachable: false,
  forbidden: false,
  dismissed: [],
  asked: 0,
  shown: 0,
  poll: undefined,

  async refresh() {
    const seq = get().asked + 1;
    set({ asked: seq });
    const reply = await bridge.getStatus();
    if (seq < get().shown) return;
    set({ shown: seq });
    if (reply.ok) set({ status: reply.value, unreachable: false, forbidden: false });
    else set({ unreachable: true, forbidden: reply.error.code === 'forbidden' });
  },

  dismiss(notice) {
    set((s) => ({ dismissed: [...s.dismissed, noticeKey(notice)] }));
  },

  startPolling(intervalMs = 5000) {
    get().stopPolling();
    void get().refresh();
    set({ poll: setInterval(() => void get().refresh(), intervalMs) });
  },

  stopPolling() {
    clearInterval(get().poll);
    set({ poll: undefined });
  },
}));

/** Starts the status poll; returns its stop. */
export function startStatusPolling(intervalMs = 5000): () => void {
  useStatusStore.getState().startPolling(intervalMs);
  return () => useStatusStore.getState().stopPolling();
}
