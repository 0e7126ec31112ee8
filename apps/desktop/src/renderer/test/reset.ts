import { setBridge } from '../bridge';
import { resetFeedbackStore } from '../features/feedback/feedback-store';
import { resetLookupStore } from '../features/lookup/lookup-store';
import { resetPrintStore } from '../features/printing/print-store';
import { resetScannerStore } from '../features/scanner/scanner-store';
import { resetPrinterTestStore } from '../features/settings/printer-test-store';
import { resetSettingsStore } from '../features/settings/settings-store';
import { resetStatusStore } from '../features/status/status-store';

/** Stores are module singletons: every test starts from fresh ones (zustand docs, "testing"). */
export function resetStores(): void {
  resetLookupStore();
  resetScannerStore();
  resetSettingsStore();
  resetStatusStore();
  resetFeedbackStore();
  resetPrintStore();
  resetPrinterTestStore();
  setBridge(null);
}
