import { useScannerStore } from './scanner-store';

/**
 * The one keydown listener of the scanner: on the window, in the capture phase, so a
 * scan is caught whatever has focus (the field, a button, nothing) and before any element's own
 * handler. Keys of a recognised scan are stopped here: they never garble the field, press a
 * focused button or reach the field's own Enter handler.
 */
export function attachKeyboardWedge(target: Window): () => void {
  function onKeyDown(event: KeyboardEvent): void {
    const consume = useScannerStore.getState().handleKey({
      key: event.key,
      timeStamp: event.timeStamp,
      isComposing: event.isComposing,
      // Read only to recognise IME keydowns (229); characters always come from `key`.
      keyCode: event.keyCode,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
    });
    if (consume) {
      event.preventDefault();
      event.stopPropagation();
    }
  }
  target.addEventListener('keydown', onKeyDown, { capture: true });
  return () => target.removeEventListener('keydown', onKeyDown, { capture: true });
}
