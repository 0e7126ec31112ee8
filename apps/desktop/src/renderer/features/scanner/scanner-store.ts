import type { ScannerSettings } from '@balance-desk/contract';
import { DEFAULT_SCANNER_SETTINGS } from '@balance-desk/contract/model';
import { create } from 'zustand';
import {
  createScanDetector,
  type DroppedRead,
  type FlushResult,
  type KeyInput,
  type ScanDetector,
} from './detector';

export type ScanListener = (cardId: string) => void;
/** Gets back characters consumed for a burst that was not a scan (they belong in the focused field). */
export type ReleaseListener = (text: string) => void;
/** A scanner read that was dropped, not looked up (incomplete, or not a card number). */
export type DroppedListener = (kind: DroppedRead) => void;

interface ScannerState {
  settings: ScannerSettings;
  /** An input method was seen on a keydown: scans typed through it can be lost. */
  imeWarning: boolean;
  /**
   * While a manager dialog is open the keys belong to it, not to the scanner: bursts are still
   * detected, but a scan (and its terminator) is swallowed and dropped, never typed into the PIN
   * field or submitted by its Enter.
   */
  paused: boolean;
  /**
   * A scan (or a dropped scanner read) arrived while paused: the dialog says briefly
   * (SCANNED_NOTICE_MS) that it was not looked up.
   */
  scannedWhilePaused: boolean;

  configure: (settings: ScannerSettings) => void;
  setPaused: (paused: boolean) => void;
  dismissImeWarning: () => void;
  /** One keydown; returns true when the caller must prevent its default action. */
  handleKey: (event: KeyInput) => boolean;
  /** Where completed scans go (the app wiring points this at the lookup store). */
  onScan: (listener: ScanListener | null) => void;
  onRelease: (listener: ReleaseListener | null) => void;
  onDropped: (listener: DroppedListener | null) => void;
}

let detector: ScanDetector = createScanDetector(DEFAULT_SCANNER_SETTINGS);
let listener: ScanListener | null = null;
let releaseListener: ReleaseListener | null = null;
let droppedListener: DroppedListener | null = null;
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let noticeTimer: ReturnType<typeof setTimeout> | undefined;

/** How long "a card was scanned — close settings to look it up" stays over a dialog. */
export const SCANNED_NOTICE_MS = 5000;
/**
 * The detector lives on the events' clock (KeyboardEvent.timeStamp). The flush timer maps
 * performance.now() onto it from the last key, so it holds even where the two clocks differ
 * (jsdom stamps events with epoch ms; CDP-stamped events may run slightly ahead).
 */
let lastKey = { eventTime: 0, perfTime: 0 };

function eventClockNow(): number {
  return lastKey.eventTime + (performance.now() - lastKey.perfTime);
}

export const useScannerStore = create<ScannerState>()((set, get) => {
  function emit({ scan, released, dropped }: FlushResult): void {
    if (released !== '') releaseListener?.(released);
    if (scan === null && dropped === null) return;
    if (get().paused) {
      // Never looked up, never typed into the dialog: the manager is only told it happened.
      if (!get().scannedWhilePaused) set({ scannedWhilePaused: true });
      clearTimeout(noticeTimer);
      noticeTimer = setTimeout(() => set({ scannedWhilePaused: false }), SCANNED_NOTICE_MS);
      return;
    }
    if (scan === null) {
      if (dropped !== null) droppedListener?.(dropped);
      return;
    }
    if (get().imeWarning) set({ imeWarning: false });
    listener?.(scan);
  }

  /**
   * A scanner without a terminator is flushed by this timer; with one, it gives held keys back and
   * drops a stalled scan that did not go on (the detector's `tick`).
   */
  function scheduleFlush(): void {
    clearTimeout(flushTimer);
    const deadline = detector.nextDeadline();
    if (deadline === null) return;
    flushTimer = setTimeout(
      () => {
        emit(detector.tick(eventClockNow()));
        scheduleFlush();
      },
      Math.max(0, deadline - eventClockNow()) + 1,
    );
  }

  return {
    settings: DEFAULT_SCANNER_SETTINGS,
    imeWarning: false,
    paused: false,
    scannedWhilePaused: false,

    configure(settings) {
      clearTimeout(flushTimer);
      detector = createScanDetector(settings);
      set({ settings });
    },

    setPaused(paused) {
      if (paused === get().paused) return;
      clearTimeout(flushTimer);
      clearTimeout(noticeTimer);
      detector.reset();
      set({ paused, scannedWhilePaused: false });
    },

    dismissImeWarning() {
      set({ imeWarning: false });
    },

    handleKey(event) {
      lastKey = { eventTime: event.timeStamp, perfTime: performance.now() };
      const result = detector.feed(event);
      if (result.ime && !get().paused && !get().imeWarning) set({ imeWarning: true });
      emit(result);
      scheduleFlush();
      return result.consume;
    },

    onScan(next) {
      listener = next;
    },

    onRelease(next) {
      releaseListener = next;
    },

    onDropped(next) {
      droppedListener = next;
    },
  };
});

export function resetScannerStore(): void {
  clearTimeout(flushTimer);
  clearTimeout(noticeTimer);
  detector = createScanDetector(DEFAULT_SCANNER_SETTINGS);
  listener = null;
  releaseListener = null;
  droppedListener = null;
  useScannerStore.setState({
    settings: DEFAULT_SCANNER_SETTINGS,
    imeWarning: false,
    paused: false,
    scannedWhilePaused: false,
  });
}
