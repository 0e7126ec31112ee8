import type { SettingsView } from '@balance-desk/contract';
import { CARD_INPUT_ID } from '../features/lookup/dom-ids';
import { useLookupStore } from '../features/lookup/lookup-store';
import { attachKeyboardWedge } from '../features/scanner/keyboard-wedge';
import { useScannerStore } from '../features/scanner/scanner-store';
import { useSettingsStore } from '../features/settings/settings-store';
import { startStatusPolling, useStatusStore } from '../features/status/status-store';
import { attachGlobalKeys } from './global-keys';

function apply(view: SettingsView): void {
  useScannerStore.getState().configure(view.scanner);
  useLookupStore
    .getState()
    .configure({ idleClearSeconds: view.idleClearSeconds, requestTimeoutMs: view.requestTimeoutMs });
}

/**
 * Connects the feature stores once, at start: scans go to the lookup store, settings tune the
 * scanner and the idle timer, a manager dialog pauses the scanner. Returns the undo (tests, HMR).
 */
export function startApp(target: Window): () => void {
  const scanner = useScannerStore.getState();
  scanner.onScan((cardId) => void useLookupStore.getState().lookup(cardId, 'scan'));
  // Keys held back for a burst that was not a scan after all go where they were typed.
  scanner.onRelease((text) => {
    if (target.document.activeElement?.id === CARD_INPUT_ID) useLookupStore.getState().typeKey(text);
  });
  const detachWedge = attachKeyboardWedge(target);
  const detachKeys = attachGlobalKeys(target);

  const initial = useSettingsStore.getState().view;
  if (initial) apply(initial);
  const unsubscribe = useSettingsStore.subscribe((state, previous) => {
    if (state.view && state.view !== previous.view) {
      apply(state.view);
      if (previous.view) void useStatusStore.getState().refresh(); // shop name, locale, mode may have changed
    }
    if (state.stage !== previous.stage) useScannerStore.getState().setPaused(state.stage !== 'closed');
  });
  // An answer (or a failure) says something about the connection: refresh online/offline soon.
  let statusAsked = 0;
  const unsubscribeLookup = useLookupStore.subscribe((state, previous) => {
    const kind = state.display.kind;
    if (state.display === previous.display || kind === 'idle' || kind === 'pending') return;
    if (kind === 'ok' && Date.now() - statusAsked < 1000) return; // failures always ask: offline must show at once
    statusAsked = Date.now();
    void useStatusStore.getState().refresh();
  });
  void useSettingsStore.getState().load();
  const stopPolling = startStatusPolling();

  return () => {
    unsubscribe();
    unsubscribeLookup();
    stopPolling();
    detachKeys();
    detachWedge();
    useScannerStore.getState().onScan(null);
    useScannerStore.getState().onRelease(null);
  };
}
