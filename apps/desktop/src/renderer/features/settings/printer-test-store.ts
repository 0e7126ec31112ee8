import type { PrintFailureReason, SystemPrinter } from '@balance-desk/contract';
import { create } from 'zustand';
import { bridge } from '../../bridge';
import { printerFromValues } from './printer-draft';
import type { FormFieldErrors } from './settings-draft';
import { useSettingsStore } from './settings-store';

/** Test print and the OS printer list in the settings form (both need the manager session). */
export type TestPrint =
  | { state: 'idle' | 'printing' | 'printed' | 'invalid' | 'unauthorized' }
  | { state: 'failed'; reason: PrintFailureReason | 'no-answer' };

type PrinterListState =
  { state: 'idle' | 'loading' | 'unavailable' } | { state: 'done'; printers: SystemPrinter[] };

interface PrinterTestState {
  test: TestPrint;
  list: PrinterListState;
  /** Prints a sample slip on the printer as the form shows it now (saved or not). */
  testPrint: () => Promise<void>;
  loadPrinters: () => Promise<void>;
}

export const usePrinterTestStore = create<PrinterTestState>()((set, get) => ({
  test: { state: 'idle' },
  list: { state: 'idle' },

  async testPrint() {
    const draft = useSettingsStore.getState().draft;
    const token = useSettingsStore.getState().managerToken;
    if (!draft || get().test.state === 'printing') return;
    if (!token) return set({ test: { state: 'unauthorized' } });
    const errors: FormFieldErrors = {};
    const printer = printerFromValues(draft.values, errors);
    if (printer === undefined || printer === null) {
      useSettingsStore.setState((s) => ({ fieldErrors: { ...s.fieldErrors, ...errors } }));
      return set({
        test: printer === null ? { state: 'failed', reason: 'not-configured' } : { state: 'invalid' },
      });
    }
    set({ test: { state: 'printing' } });
    const reply = await bridge.testPrint({ managerToken: token, printer });
    if (!reply.ok) return set({ test: { state: 'failed', reason: 'no-answer' } });
    const answer = reply.value;
    if (answer.kind === 'printed') return set({ test: { state: 'printed' } });
    if (answer.kind === 'unauthorized') return set({ test: { state: 'unauthorized' } });
    if (answer.kind === 'invalid') {
      const fieldErrors: FormFieldErrors = {};
      for (const { path, code } of answer.fieldErrors) fieldErrors[path] = code;
      useSettingsStore.setState((s) => ({ fieldErrors: { ...s.fieldErrors, ...fieldErrors } }));
      return set({ test: { state: 'invalid' } });
    }
    set({ test: { state: 'failed', reason: answer.reason } });
  },

  async loadPrinters() {
    const token = useSettingsStore.getState().managerToken;
    if (!token || get().list.state === 'loading') return;
    set({ list: { state: 'loading' } });
    const reply = await bridge.listPrinters({ managerToken: token });
    if (reply.ok && reply.value.kind === 'printers')
      return set({ list: { state: 'done', printers: reply.value.printers } });
    set({ list: { state: 'unavailable' } });
  },
}));
