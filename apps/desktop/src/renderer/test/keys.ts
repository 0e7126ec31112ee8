import { act, fireEvent } from '@testing-library/react';
import type { KeyInput } from '../features/scanner/detector';

/** Synthetic keydown facts `interval` ms apart, for the scanner detector and store. */
export function keys(text: string, start: number, interval = 2): KeyInput[] {
  return [...text].map((key, i) => ({ key, timeStamp: start + i * interval, isComposing: false }));
}

/**
 * Key presses as Chromium delivers them, for jsdom: a keydown that bubbles from the focused
 * element (or body), and — the browser's default action — the character landing in a focused
 * field, or a focused button clicked by Enter or Space, unless a listener prevented it. jsdom stamps events with Date.now(), so tests that care
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
  if (!event.defaultPrevented && (key === 'Enter' || key === ' ') && target instanceof HTMLButtonElement) {
    act(() => target.click());
  }
  return event;
}

/** A scanner burst: every key at once (jsdom time does not move), then the terminator. */
export function scan(payload: string, terminator: 'Enter' | 'Tab' = 'Enter'): void {
  for (const ch of payload) press(ch);
  press(terminator);
}
