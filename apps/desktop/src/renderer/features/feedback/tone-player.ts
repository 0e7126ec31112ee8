import { TONES, peakGain, type ReadTone } from './tones';

/** One AudioContext for the app's life: browsers limit how many a page may open. */
let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  if (typeof window === 'undefined' || typeof window.AudioContext !== 'function') return null;
  context = new window.AudioContext();
  return context;
}

/** Plays a read tone at `volume` (0–100; 0 is silent). Never throws: feedback must not break a lookup. */
export function playReadTone(tone: ReadTone, volume: number): void {
  const peak = peakGain(volume);
  if (peak <= 0) return;
  try {
    const ctx = audioContext();
    if (!ctx) return;
    // Chromium starts a context suspended until the page had a user gesture (a scanner's keys are one).
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const plan = TONES[tone];
    const t0 = ctx.currentTime + 0.01;
    for (const note of plan.notes) {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = plan.wave;
      oscillator.frequency.value = note.frequency;
      const start = t0 + note.startMs / 1000;
      const end = start + note.durationMs / 1000;
      // Short ramps in and out: a hard edge clicks.
      gain.gain.setValueAtTime(0, start);
      gain.gain.linearRampToValueAtTime(peak, start + 0.01);
      gain.gain.setValueAtTime(peak, end - 0.02);
      gain.gain.linearRampToValueAtTime(0, end);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.onended = () => {
        oscillator.disconnect();
        gain.disconnect();
      };
      oscillator.start(start);
      oscillator.stop(end + 0.01);
    }
  } catch {
    // no audio device, a closed context: the flash still shows
  }
}
