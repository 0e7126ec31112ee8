/** How a keyboard-wedge scanner ends a read. */
export const SCANNER_TERMINATORS = ['enter', 'tab', 'enter-or-tab', 'none'] as const;
type ScannerTerminator = (typeof SCANNER_TERMINATORS)[number];

/** Keyboard-wedge scanner tuning; the contract's `ScannerSettings` schema checks exactly this shape. */
export interface ScannerTuning {
  terminator: ScannerTerminator;
  prefix: string;
  suffix: string;
  minLength: number;
  maxLength: number;
  maxAvgIntervalMs: number;
  maxGapMs: number;
  flushAfterMs: number;
  stallWindowMs: number;
  extractPattern: string;
}

/**
 * A fresh terminal's scanner tuning, and what the renderer uses until settings arrive. Card-id
 * lengths fit this CRM's cards: 18 digits (ALSC member and gift cards), 16 for other ranges; a
 * scanner read outside them is incomplete or not a card, never a lookup. A stalled scan (pauses of
 * 100–400 ms were seen on busy terminals) is joined within 800 ms.
 */
export const DEFAULT_SCANNER_SETTINGS: Readonly<ScannerTuning> = Object.freeze({
  terminator: 'enter-or-tab',
  prefix: '',
  suffix: '',
  minLength: 16,
  maxLength: 20,
  maxAvgIntervalMs: 35,
  maxGapMs: 100,
  flushAfterMs: 120,
  stallWindowMs: 800,
  extractPattern: '',
});

/**
 * A fresh terminal's screen settings, which the renderer also uses until `settings:get` answers:
 * the answer clears itself after 30 s, a lookup gives up after 8 s, a read beeps at half volume
 * and flashes the screen.
 */
export const DEFAULT_SCREEN_SETTINGS = Object.freeze({
  locale: 'zh-CN',
  idleClearSeconds: 30,
  requestTimeoutMs: 8000,
  readToneVolume: 50,
  readFlash: true,
} as const);
