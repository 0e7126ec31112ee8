import { useScannerStore } from './scanner-store';

const NOT_TEXT = new Set([
  'button',
  'checkbox',
  'radio',
  'submit',
  'reset',
  'range',
  'color',
  'file',
  'image',
]);

/** Fields a key types into (a button's Space or a select's letter keep their own meaning). */
function isTextField(target: EventTarget | null): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !NOT_TEXT.has(target.type);
}

/**
 * The one keydown listener of the scanner: on the window, in the capture phase, so a
 * scan is caught whatever has focus (the field, a button, nothing) and before any element's own
 * handler. Keys of a recognised scan are stopped here: they never garble the field, press a
 * focused button or reach the field's own Enter handler.
 */
export function attachKeyboardWedge(target: Window): () => void {
  function onKeyDown(event: KeyboardEvent): void {
    const scanner = useScannerStore.getState();
    const consume = scanner.handleKey({
      key: event.key,
      timeStamp: event.timeStamp,
      isComposing: event.isComposing,
      // Read only to recognise IME keydowns (229); characters always come from `key`.
      keyCode: event.keyCode,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
      // While a manager dialog is open its text fields get no key until it is known to be a
      // person's: a scanner's first digits would otherwise land in the PIN or a setting.
      guard: scanner.paused && isTextField(event.target),
    });
    if (consume) {
      event.preventDefault();
      event.stopPropagation();
    }
  }
  target.addEventListener('keydown', onKeyDown, { capture: true });
  return () => target.removeEventListener('keydown', onKeyDown, { capture: true });
}
