import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Typing, pasting and deleting in the card field, applied by the app instead of the browser.
 *
 * Each native edit of a text field leaves an entry in the document's undo history, and that
 * entry holds the field's replaced text node. The card field is emptied by script after every
 * lookup (a script change never clears that history), so on a kiosk the history — up to
 * Chromium's 1,000 steps — kept about one DOM node per lookup (the first digits of a scan land
 * in the focused field before the burst is recognised). Edits made here leave no history; Ctrl+Z
 * in a card field is no loss. IME composition and other edit kinds stay native.
 */
export function useHistoryFreeTyping(
  ref: RefObject<HTMLInputElement | null>,
  value: string,
  setValue: (next: string) => void,
): void {
  const caret = useRef<number | null>(null);
  const latest = useRef(setValue);
  useLayoutEffect(() => {
    latest.current = setValue;
  });

  useEffect(() => {
    const input = ref.current;
    if (!input) return undefined;
    function onBeforeInput(event: InputEvent): void {
      if (!input || event.isComposing || !event.cancelable) return;
      const text = input.value;
      const start = input.selectionStart ?? text.length;
      const end = input.selectionEnd ?? start;
      let next: string;
      let at: number;
      switch (event.inputType) {
        case 'insertText':
        case 'insertFromPaste':
        case 'insertFromDrop': {
          const data = event.data ?? event.dataTransfer?.getData('text/plain') ?? '';
          const room = input.maxLength >= 0 ? input.maxLength - (text.length - (end - start)) : data.length;
          const inserted = data.slice(0, Math.max(0, room));
          next = text.slice(0, start) + inserted + text.slice(end);
          at = start + inserted.length;
          break;
        }
        case 'deleteContentBackward':
          if (start === end && start === 0) return event.preventDefault();
          at = start === end ? start - 1 : start;
          next = text.slice(0, at) + text.slice(end);
          break;
        case 'deleteContentForward':
          if (start === end && end === text.length) return event.preventDefault();
          next = text.slice(0, start) + text.slice(start === end ? end + 1 : end);
          at = start;
          break;
        default:
          return; // word/line deletions, undo, IME: the browser's own handling
      }
      event.preventDefault();
      caret.current = at;
      latest.current(next);
    }
    input.addEventListener('beforeinput', onBeforeInput);
    return () => input.removeEventListener('beforeinput', onBeforeInput);
  }, [ref]);

  // React wrote the new value (which puts the caret at the end): put the caret where the edit was.
  useLayoutEffect(() => {
    const input = ref.current;
    const at = caret.current;
    caret.current = null;
    if (input && at !== null && input.value === value && document.activeElement === input)
      input.setSelectionRange(at, at);
  }, [ref, value]);
}
