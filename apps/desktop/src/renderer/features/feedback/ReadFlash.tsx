import { useFeedbackStore } from './feedback-store';

/**
 * A brief flash over the whole screen after a read — green for a balance, red otherwise — seen
 * from the corner of the eye. It never takes clicks or focus, and screen readers skip it (the
 * result itself is announced).
 */
export function ReadFlash() {
  const flash = useFeedbackStore((s) => s.flash);
  if (flash === null) return null;
  return (
    <div
      key={flash.n}
      className={`read-flash read-flash--${flash.tone}`}
      data-testid="read-flash"
      data-tone={flash.tone}
      aria-hidden="true"
    />
  );
}
