import { DEFAULT_SCREEN_SETTINGS } from '@balance-desk/contract/model';
import { create } from 'zustand';
import { useLookupStore, type Display } from '../lookup/lookup-store';
import { useSettingsStore } from '../settings/settings-store';
import { playReadTone } from './tone-player';
import type { ReadTone } from './tones';

/** Used until settings:get answers: a fresh terminal's values. */
const DEFAULT_READ_FEEDBACK = DEFAULT_SCREEN_SETTINGS;

interface FeedbackState {
  /** The last read's flash; `n` makes each read a new flash, even two errors in a row. */
  flash: { tone: ReadTone; n: number } | null;
  signal: (tone: ReadTone) => void;
}

export const useFeedbackStore = create<FeedbackState>()((set, get) => ({
  flash: null,
  signal(tone) {
    const view = useSettingsStore.getState().view;
    playReadTone(tone, view?.readToneVolume ?? DEFAULT_READ_FEEDBACK.readToneVolume);
    if (view?.readFlash ?? DEFAULT_READ_FEEDBACK.readFlash)
      set({ flash: { tone, n: (get().flash?.n ?? 0) + 1 } });
  },
}));

/** Which tone a newly shown result calls for, or null (idle, pending, the same result again). */
export function toneForChange(
  display: Display,
  previous: Display,
  scanNotice: string | null,
): ReadTone | null {
  if (display === previous) return null;
  if (display.kind === 'ok') return 'balance';
  if (display.kind === 'error' || display.kind === 'failed') return 'error';
  // A scanner read that was dropped (incomplete, not a card) is a read too.
  if (display.kind === 'idle' && scanNotice !== null) return 'error';
  return null;
}

/** A tone and a flash after every read: an answer, an error, or a dropped scan. Returns the undo. */
export function attachReadFeedback(): () => void {
  return useLookupStore.subscribe((state, previous) => {
    const tone = toneForChange(state.display, previous.display, state.scanNotice);
    if (tone !== null) useFeedbackStore.getState().signal(tone);
  });
}
