import type { PrintFailureReason } from '@balance-desk/contract';
import { create } from 'zustand';
import { bridge } from '../../bridge';
import { useLookupStore, type Display } from '../lookup/lookup-store';
import { isCardState } from '../lookup/present';

/**
 * The Print button and F9 (docs/PRINTING.md). The renderer only names the result on screen (its
 * `at` and request id); main builds the slip from its own copy and refuses anything else. Printing
 * runs beside lookups: a scan while a slip prints starts at once, and the old job's answer is
 * dropped (`seq` no longer matches).
 */
export type PrintJob =
  | { seq: number; state: 'printing' }
  | { seq: number; state: 'printed' }
  | { seq: number; state: 'failed'; reason: PrintFailureReason | 'no-answer' };

interface PrintState {
  /** The job for the result on screen, or null (none yet, or the result changed). */
  job: PrintJob | null;
  /** Prints the result on screen; does nothing when there is nothing printable or a job is running. */
  print: () => Promise<void>;
}

/** A result that makes a slip: balances, or a card refused for its state (the slip says which). */
export function isPrintable(display: Display): display is Extract<Display, { kind: 'ok' | 'error' }> {
  return display.kind === 'ok' || isCardState(display);
}

export const usePrintStore = create<PrintState>()((set, get) => ({
  job: null,

  async print() {
    const display = useLookupStore.getState().display;
    if (!isPrintable(display)) return;
    const running = get().job;
    if (running?.seq === display.seq && running.state === 'printing') return;
    const { seq, outcome } = display;
    set({ job: { seq, state: 'printing' } });
    const requestId = outcome.kind === 'ok' ? outcome.requestId : outcome.detail.requestId;
    const reply = await bridge.printResult({
      at: outcome.at,
      ...(requestId === undefined ? {} : { requestId }),
    });
    // Another result is on screen now: this answer belongs to a slip nobody is looking at.
    if (get().job?.seq !== seq) return;
    if (!reply.ok) set({ job: { seq, state: 'failed', reason: 'no-answer' } });
    else if (reply.value.kind === 'printed') set({ job: { seq, state: 'printed' } });
    else set({ job: { seq, state: 'failed', reason: reply.value.reason } });
  },
}));
