import type { MouseEvent } from 'react';
import { Icon } from './Icon';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

function keepFocus(event: MouseEvent): void {
  event.preventDefault();
}

/** A small digit pad for PIN entry on touch terminals. */
export function DigitPad({
  onDigit,
  onBackspace,
  backspaceLabel,
}: {
  onDigit: (d: string) => void;
  onBackspace: () => void;
  backspaceLabel: string;
}) {
  return (
    <div className="digitpad">
      {KEYS.map((d) => (
        <button
          key={d}
          type="button"
          className="keypad__key"
          tabIndex={-1}
          onMouseDown={keepFocus}
          onClick={() => onDigit(d)}
        >
          {d}
        </button>
      ))}
      <span />
      <button
        type="button"
        className="keypad__key"
        tabIndex={-1}
        onMouseDown={keepFocus}
        onClick={() => onDigit('0')}
      >
        0
      </button>
      <button
        type="button"
        className="keypad__key keypad__key--fn"
        tabIndex={-1}
        aria-label={backspaceLabel}
        onMouseDown={keepFocus}
        onClick={onBackspace}
      >
        <Icon name="backspace" />
      </button>
    </div>
  );
}
