import { setBridge } from '../bridge';
import { resetFeedbackStore } from '../features/feedback/feedback-store';
import { resetLookupStore } from '../features/lookup/lookup-store';
import { resetScannerStore } from '../features/scanner/scanner-store';
import { resetSettingsStore } from '../features/settings/settings-store';
import { resetStatusStore } from '../features/status/status-store';

/** Stores are module singletons: every test starts from fresh ones (zustand docs, "testing"). */
export function resetStores(): void {
  resetLookupStore();
  resetScannerStore();
  resetSettingsStore();
  resetStatusStore();
  resetFeedbackStore();
  setBridge(null);
}
