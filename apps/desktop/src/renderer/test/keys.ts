import { act, fireEvent } from '@testing-library/react';

/**
 * Key presses as Chromium delivers them, for jsdom: a keydown that bubbles from the focused
 * element (or body), and — the browser's default action — the character landing in a focused
 * field unless a listener prevented it. jsdom stamps events with Date.now(), so tests that care
 * about timing fake Date and move it between keys.
 */
export function press(key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const target = (document.activeElement as HTMLElement | null) ?? document.body;
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  act(() => {
    target.dispatchEvent(event);
  });
  if (!event.defaultPrevented && Array.from(key).length === 1 && target instanceof HTMLInputElement) {
    fireEvent.change(target, { target: { value: target.value + key } });
  }
  return event;
}

/** A scanner burst: every key at once (jsdom time does not move), then the terminator. */
export function scan(payload: string, terminator: 'Enter' | 'Tab' = 'Enter'): void {
  for (const ch of payload) press(ch);
  press(terminator);
}
