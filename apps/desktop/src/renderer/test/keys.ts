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
export function press(key: string, init: KeyboardEventInit = {}, timeStamp?: number): KeyboardEvent {
  const target = (document.activeElement as HTMLElement | null) ?? document.body;
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  // A scanner's keys carry the time it typed them, as the OS stamps them, however busy this machine is.
  if (timeStamp !== undefined) Object.defineProperty(event, 'timeStamp', { value: timeStamp });
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

/**
 * A scanner burst, then the terminator: keys stamped 2 ms apart, ending now (jsdom stamps events
 * with Date.now(), and a loaded test machine would otherwise put its own pauses into the scan).
 */
export function scan(payload: string, terminator: 'Enter' | 'Tab' = 'Enter'): void {
  const keysAndEnd = [...payload, terminator];
  const start = Date.now() - 2 * keysAndEnd.length;
  keysAndEnd.forEach((key, i) => press(key, {}, start + 2 * i));
}
