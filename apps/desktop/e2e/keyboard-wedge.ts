import type { CDPSession, Page } from '@playwright/test';

/**
 * A keyboard-wedge scanner for tests and the bench: trusted key events through Chromium's real
 * input pipeline (CDP Input.dispatchKeyEvent), each stamped with the time a scanner would have
 * typed it. The page sees exactly what a USB HID scanner produces — `key`, `isTrusted`, characters
 * landing in a focused field — with scanner timing that does not depend on how busy this machine
 * is (Playwright's `keyboard.type({ delay })` waits a CDP round trip per key: 1–100+ ms of jitter
 * on a loaded 2-core box, which is not what a scanner does).
 */
export interface WedgeScanOptions {
  /** Quiet time before the first key, after the previous scan's last key. Default 20 ms. */
  pauseBeforeMs?: number;
  /** Milliseconds between keys: a number, or [min, max] for per-key jitter. Default 2. */
  intervalMs?: number | readonly [number, number];
  terminator?: 'Enter' | 'Tab' | 'none';
  /** Wait until the last key's time has really come, so a run of scans takes as long as a scanner would. */
  realTime?: boolean;
}

interface KeySpec {
  key: string;
  code: string;
  vk: number;
  text?: string;
  shift: boolean;
}

const SHIFT = 8; // CDP modifier bit

function spec(ch: string): KeySpec {
  if (ch === 'Enter') return { key: 'Enter', code: 'Enter', vk: 13, text: '\r', shift: false };
  if (ch === 'Tab') return { key: 'Tab', code: 'Tab', vk: 9, shift: false };
  if (/^[0-9]$/.test(ch))
    return { key: ch, code: `Digit${ch}`, vk: ch.charCodeAt(0), text: ch, shift: false };
  if (/^[a-z]$/.test(ch))
    return {
      key: ch,
      code: `Key${ch.toUpperCase()}`,
      vk: ch.toUpperCase().charCodeAt(0),
      text: ch,
      shift: false,
    };
  if (/^[A-Z]$/.test(ch)) return { key: ch, code: `Key${ch}`, vk: ch.charCodeAt(0), text: ch, shift: true };
  // Punctuation, full-width digits…: the character itself, as a scanner's HID layout maps it.
  return { key: ch, code: '', vk: 0, text: ch, shift: false };
}

export class KeyboardWedge {
  /** Epoch ms after the last key sent: stamps stay monotonic even when scans follow each other at once. */
  private lastKeyAt = 0;

  private constructor(private readonly cdp: CDPSession) {}

  static async attach(page: Page): Promise<KeyboardWedge> {
    return new KeyboardWedge(await page.context().newCDPSession(page));
  }

  /** Types `payload` (then the terminator) at scanner speed; resolves once Chromium took every event. */
  async scan(payload: string, options: WedgeScanOptions = {}): Promise<void> {
    const interval = options.intervalMs ?? 2;
    const gap = (): number =>
      typeof interval === 'number' ? interval : interval[0] + Math.random() * (interval[1] - interval[0]);
    const keys = [...payload].map(spec);
    if ((options.terminator ?? 'Enter') !== 'none') keys.push(spec(options.terminator ?? 'Enter'));
    let t = Math.max(Date.now(), this.lastKeyAt + (options.pauseBeforeMs ?? 20));
    const sends: Promise<unknown>[] = [];
    const send = (params: Record<string, unknown>): void => {
      sends.push(this.cdp.send('Input.dispatchKeyEvent', params as never));
    };
    for (const k of keys) {
      const at = t / 1000;
      if (k.shift)
        send({
          type: 'rawKeyDown',
          key: 'Shift',
          code: 'ShiftLeft',
          windowsVirtualKeyCode: 16,
          modifiers: SHIFT,
          timestamp: at - 0.0002,
        });
      const modifiers = k.shift ? SHIFT : 0;
      send({
        type: k.text ? 'keyDown' : 'rawKeyDown',
        key: k.key,
        code: k.code,
        windowsVirtualKeyCode: k.vk,
        text: k.text,
        unmodifiedText: k.text,
        modifiers,
        timestamp: at,
      });
      send({
        type: 'keyUp',
        key: k.key,
        code: k.code,
        windowsVirtualKeyCode: k.vk,
        modifiers,
        timestamp: at + 0.0003,
      });
      if (k.shift)
        send({
          type: 'keyUp',
          key: 'Shift',
          code: 'ShiftLeft',
          windowsVirtualKeyCode: 16,
          timestamp: at + 0.0004,
        });
      this.lastKeyAt = t;
      t += gap();
    }
    await Promise.all(sends);
    const ahead = this.lastKeyAt - Date.now();
    if (options.realTime && ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}
