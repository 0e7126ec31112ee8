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

  refresh(): Promise<void>;
  dismiss(notice: Notice): void;
}

export function noticeKey(notice: Notice): string {
  return `${notice.code}|${notice.at}`;
}

/**
 * Polls overlap when main is slow: each call is numbered, and an answer older than one already
 * shown is dropped, so a stale "offline" never overwrites a newer "online" (or the reverse).
 */
let asked = 0;
let shown = 0;

export const useStatusStore = create<StatusState>()((set) => ({
  status: null,
  unreachable: false,
  forbidden: false,
  dismissed: [],

  async refresh() {
    const seq = ++asked;
    const reply = await bridge.getStatus();
    if (seq < shown) return;
    shown = seq;
    if (reply.ok) set({ status: reply.value, unreachable: false, forbidden: false });
    else set({ unreachable: true, forbidden: reply.error.code === 'forbidden' });
  },

  dismiss(notice) {
    set((s) => ({ dismissed: [...s.dismissed, noticeKey(notice)] }));
  },
}));

let poll: ReturnType<typeof setInterval> | undefined;

/** Online/offline and notices change in main; the status bar asks every few seconds. */
export function startStatusPolling(intervalMs = 5000): () => void {
  void useStatusStore.getState().refresh();
  clearInterval(poll);
  poll = setInterval(() => void useStatusStore.getState().refresh(), intervalMs);
  return () => clearInterval(poll);
}

export function resetStatusStore(): void {
  clearInterval(poll);
  asked = 0;
  shown = 0;
  useStatusStore.setState({ status: null, unreachable: false, forbidden: false, dismissed: [] });
}
