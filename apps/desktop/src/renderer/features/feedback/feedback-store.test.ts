import type { LookupOk } from '@balance-desk/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, settingsView } from '../../test/fake-bridge';
import { resetStores } from '../../test/reset';
import { useLookupStore, type Display } from '../lookup/lookup-store';
import { useSettingsStore } from '../settings/settings-store';
import { attachReadFeedback, toneForChange, useFeedbackStore } from './feedback-store';
import { TONES, peakGain } from './tones';

const okDisplay = (): Display => ({
  kind: 'ok',
  seq: 1,
  cardId: '111950000052400125',
  outcome: ok() as LookupOk,
});

beforeEach(resetStores);
afterEach(resetStores);

describe('read tones', () => {
  it('a balance and an error sound different: another wave, other pitches', () => {
    expect(TONES.balance.wave).not.toBe(TONES.error.wave);
    const pitches = (t: keyof typeof TONES) => TONES[t].notes.map((n) => n.frequency);
    expect(Math.min(...pitches('balance'))).toBeGreaterThan(Math.max(...pitches('error')));
  });

  it('volume 0 is silent, and louder settings are louder (never above 0.5)', () => {
    expect(peakGain(0)).toBe(0);
    expect(peakGain(-5)).toBe(0);
    expect(peakGain(Number.NaN)).toBe(0);
    expect(peakGain(25)).toBeLessThan(peakGain(50));
    expect(peakGain(50)).toBeLessThan(peakGain(100));
    expect(peakGain(500)).toBe(0.5);
  });
});

describe('read feedback', () => {
  it('picks the tone from what the screen newly shows', () => {
    const idle: Display = { kind: 'idle' };
    const shown = okDisplay();
    expect(toneForChange(shown, idle, null)).toBe('balance');
    expect(toneForChange(shown, shown, null)).toBeNull(); // the same result re-rendered
    expect(toneForChange({ kind: 'pending', seq: 2, cardId: 'x' }, idle, null)).toBeNull();
    expect(
      toneForChange(
        { kind: 'failed', seq: 2, cardId: 'x', failure: { code: 'internal', message: '' } },
        idle,
        null,
      ),
    ).toBe('error');
    expect(toneForChange({ kind: 'idle' }, shown, null)).toBeNull(); // Esc, the idle timer
    expect(toneForChange({ kind: 'idle' }, shown, 'incomplete')).toBe('error'); // a dropped scan
  });

  it('flashes green for a balance and red for a dropped scan, each read anew; not when the store turned it off', () => {
    const detach = attachReadFeedback();
    useLookupStore.setState({ display: okDisplay() });
    expect(useFeedbackStore.getState().flash).toEqual({ tone: 'balance', n: 1 });
    useLookupStore.getState().scanDropped('incomplete');
    useLookupStore.getState().scanDropped('incomplete');
    expect(useFeedbackStore.getState().flash).toEqual({ tone: 'error', n: 3 });

    useSettingsStore.setState({ view: settingsView({ readFlash: false, readToneVolume: 0 }) });
    useLookupStore.setState({ display: okDisplay() });
    expect(useFeedbackStore.getState().flash).toEqual({ tone: 'error', n: 3 }); // no new flash
    detach();
  });
});
