/**
 * The short tones after a read, generated with Web Audio (no sound files): a bright rising pair
 * for a balance, a low falling buzz for anything else (an error, a dropped scan), so a cashier
 * hears the difference without looking.
 */
export type ReadTone = 'balance' | 'error';

interface ToneNote {
  frequency: number;
  startMs: number;
  durationMs: number;
}

export interface TonePlan {
  wave: OscillatorType;
  notes: readonly ToneNote[];
}

export const TONES: Readonly<Record<ReadTone, TonePlan>> = {
  // C6 then G6, sine: short and light.
  balance: {
    wave: 'sine',
    notes: [
      { frequency: 1047, startMs: 0, durationMs: 70 },
      { frequency: 1568, startMs: 80, durationMs: 110 },
    ],
  },
  // E4 then A3, square: lower, longer, unmistakably not the balance tone.
  error: {
    wave: 'square',
    notes: [
      { frequency: 330, startMs: 0, durationMs: 140 },
      { frequency: 220, startMs: 170, durationMs: 220 },
    ],
  },
};

/** Loudest gain a tone reaches at this volume setting (0–100): quadratic, as ears hear loudness. */
export function peakGain(volume: number): number {
  const v = Math.min(100, Math.max(0, Number.isFinite(volume) ? volume : 0)) / 100;
  return 0.5 * v * v;
}
