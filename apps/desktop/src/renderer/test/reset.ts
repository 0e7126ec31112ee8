import type { StoreApi } from 'zustand';
import { setBridge } from '../bridge';
import { useFeedbackStore } from '../features/feedback/feedback-store';
import { useLookupStore } from '../features/lookup/lookup-store';
import { usePrintStore } from '../features/printing/print-store';
import { resetScannerStore } from '../features/scanner/scanner-store';
import { usePrinterTestStore } from '../features/settings/printer-test-store';
import { useSettingsStore } from '../features/settings/settings-store';
import { useStatusStore } from '../features/status/status-store';

/** Back to the state the store was created with: everything, bookkeeping included, lives inside it. */
function toInitialState<S>(store: StoreApi<S>): void {
  store.setState(store.getInitialState(), true);
}

/**
 * Stores are module singletons: every test starts from fresh ones (zustand docs, "testing").
 * Timers a store started are stopped first. The scanner store keeps its key-by-key detector (a
 * mutable state machine) outside React state, so it still resets itself.
 */
export function resetStores(): void {
  useLookupStore.getState().stopTimers();
  useStatusStore.getState().stopPolling();
  toInitialState(useLookupStore);
  toInitialState(useSettingsStore);
  toInitialState(useStatusStore);
  toInitialState(useFeedbackStore);
  toInitialState(usePrintStore);
  toInitialState(usePrinterTestStore);
  resetScannerStore();
  setBridge(null);
}
