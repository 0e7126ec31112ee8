import { CARD_INPUT_ID } from '../features/lookup/dom-ids';
import { useLookupStore } from '../features/lookup/lookup-store';
import { usePrintStore } from '../features/printing/print-store';
import { useSettingsStore } from '../features/settings/settings-store';

/** Fields that take typed text themselves. */
function isEditable(el: Element | null): boolean {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(
      el.type,
    );
  return el instanceof HTMLElement && el.isContentEditable;
}

/**
 * Whether typed card digits with focus on `el` belong to the card field: the field itself, or
 * nothing editable (a tapped recent card, a button, the page) while no manager dialog is open.
 */
export function typingBelongsToCard(el: Element | null): boolean {
  if (el?.id === CARD_INPUT_ID) return true;
  if (useSettingsStore.getState().stage !== 'closed') return false;
  return !isEditable(el) && el?.closest('[role="dialog"], dialog') == null;
}

/**
 * Puts focus back on the card field. Deferred and retried for a few frames: right after a dialog
 * closes the field is still `inert` until React removes the overlay, and focus() would do nothing.
 */
export function focusCardField(doc: Document, attempts = 10): void {
  const win = doc.defaultView;
  if (!win) return;
  win.setTimeout(() => {
    const input = doc.getElementById(CARD_INPUT_ID);
    if (!(input instanceof HTMLInputElement) || useSettingsStore.getState().stage !== 'closed') return;
    if (input.closest('[inert]') !== null) {
      if (attempts > 1) focusCardField(doc, attempts - 1);
      return;
    }
    if (doc.activeElement !== input && typingBelongsToCard(doc.activeElement)) input.focus();
  }, 16);
}

/** Elements that handle Enter themselves (a field submits, a button clicks). */
function handlesEnter(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest('input, textarea, select, button, a[href], [role="button"]') !== null
  );
}

/**
 * Keyboard-only use: F2 opens settings, F9 prints the result on screen, Esc clears the screen (or closes the dialog),
 * Enter anywhere looks up the typed number or retries a retriable error, and a digit typed while
 * no field has focus (after tapping a recent card, say) goes to the card field. Runs in the bubble phase,
 * after the scanner's capture listener, which stops the keys of a scan before they get here.
 */
export function attachGlobalKeys(target: Window): () => void {
  function onKeyDown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return;
    const settings = useSettingsStore.getState();
    if (event.key === 'F2') {
      event.preventDefault();
      settings.open();
      return;
    }
    if (event.key === 'F9') {
      // Print the result on screen (docs/PRINTING.md); never while a manager dialog is open.
      event.preventDefault();
      if (settings.stage === 'closed' && (useSettingsStore.getState().view?.printer ?? null) !== null)
        void usePrintStore.getState().print();
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      if (settings.stage !== 'closed') settings.close();
      else useLookupStore.getState().clear();
      return;
    }
    if (event.key === 'Enter' && settings.stage === 'closed' && !handlesEnter(event.target)) {
      event.preventDefault();
      useLookupStore.getState().enter();
      return;
    }
    const command = (event.ctrlKey && !event.altKey) || event.metaKey;
    const printable = Array.from(event.key).length === 1 && event.key !== ' ' && !command;
    const focused = target.document.activeElement;
    if (printable && focused?.id !== CARD_INPUT_ID && typingBelongsToCard(focused)) {
      // Otherwise the key goes nowhere (focus on a tapped button). Space stays a button's own key.
      event.preventDefault();
      useLookupStore.getState().typeKey(event.key);
      target.document.getElementById(CARD_INPUT_ID)?.focus();
    }
  }
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
