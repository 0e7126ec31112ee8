import type { SettingsView } from '@balance-desk/contract';
import { attachReadFeedback } from '../features/feedback/feedback-store';
import { CARD_INPUT_ID } from '../features/lookup/dom-ids';
import { useLookupStore } from '../features/lookup/lookup-store';
import { attachKeyboardWedge } from '../features/scanner/keyboard-wedge';
import { useScannerStore } from '../features/scanner/scanner-store';
import { useSettingsStore } from '../features/settings/settings-store';
import { startStatusPolling, useStatusStore } from '../features/status/status-store';
import { attachGlobalKeys, focusCardField, typingBelongsToCard } from './global-keys';

/**
 * Types text into a React-controlled field the way the browser would (its value setter, then an
 * `input` event React listens to), so a PIN field gets back keys the paused scanner held.
 */
function insertInto(field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  const proto =
    field instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'value');
  if (!descriptor?.set) return;
  const room = field.maxLength >= 0 ? Math.max(0, field.maxLength - field.value.length) : text.length;
  descriptor.set.call(field, field.value + text.slice(0, room));
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

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
  // Keys held back for a burst that was not a scan after all go where they were typed: the card
  // field (also when nothing editable has focus, as with any typed key), or a dialog's field.
  scanner.onRelease((text) => {
    const focused = target.document.activeElement;
    if (typingBelongsToCard(focused)) useLookupStore.getState().typeKey(text);
    else if (focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement)
      insertInto(focused, text);
  });
  // A scanner read that was dropped (incomplete, not a card) is said on screen, never looked up.
  scanner.onDropped((kind) => useLookupStore.getState().scanDropped(kind));
  const detachWedge = attachKeyboardWedge(target);
  const detachKeys = attachGlobalKeys(target);
  const detachFeedback = attachReadFeedback();

  const initial = useSettingsStore.getState().view;
  if (initial) apply(initial);
  const unsubscribe = useSettingsStore.subscribe((state, previous) => {
    if (state.view && state.view !== previous.view) {
      apply(state.view);
      if (previous.view) void useStatusStore.getState().refresh(); // shop name, locale, mode may have changed
    }
    if (state.stage !== previous.stage) {
      useScannerStore.getState().setPaused(state.stage !== 'closed');
      // Back from settings, the cashier types or scans into the card field again.
      if (state.stage === 'closed') focusCardField(target.document);
    }
  });
  // An answer (or a failure) says something about the connection: refresh online/offline soon.
  let statusAsked = 0;
  const unsubscribeLookup = useLookupStore.subscribe((state, previous) => {
    const kind = state.display.kind;
    // After a tap on a recent or demo card (or Retry) focus would stay on that button, where
    // Enter presses it again: a new lookup hands focus back to the card field.
    if (kind === 'pending' && state.display !== previous.display) {
      const focused = target.document.activeElement;
      if (focused?.id !== CARD_INPUT_ID && typingBelongsToCard(focused))
        target.document.getElementById(CARD_INPUT_ID)?.focus();
    }
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
    detachFeedback();
    useScannerStore.getState().onScan(null);
    useScannerStore.getState().onRelease(null);
    useScannerStore.getState().onDropped(null);
  };
}
