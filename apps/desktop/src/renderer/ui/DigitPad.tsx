import type { MouseEvent, ReactNode } from 'react';
import { Icon } from './Icon';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** Keep focus where it was (the field): a tapped key must not become the target of the next Enter. */
function keepFocus(event: MouseEvent): void {
  event.preventDefault();
}

/** One on-screen key (≥ 48 px): never takes focus, never in the Tab order. */
export function PadKey({
  onPress,
  children,
  variant,
  label,
}: {
  onPress: () => void;
  children: ReactNode;
  variant?: 'fn' | 'go';
  label?: string;
}) {
  return (
    <button
      type="button"
      className={variant ? `keypad__key keypad__key--${variant}` : 'keypad__key'}
      tabIndex={-1}
      aria-label={label}
      onMouseDown={keepFocus}
      onClick={onPress}
    >
      {children}
    </button>
  );
}

/**
 * A digit pad for touch terminals: 1–9, then [bottomLeft] 0 ⌫, then any further keys (children)
 * in the same grid. The PIN dialogs use it bare; the cashier keypad adds Clear and Look up.
 */
export function DigitPad({
  onDigit,
  onBackspace,
  backspaceLabel,
  bottomLeft,
  className = 'digitpad',
  label,
  children,
}: {
  onDigit: (d: string) => void;
  onBackspace: () => void;
  backspaceLabel: string;
  /** The key left of 0 (the cashier keypad's Clear); empty by default. */
  bottomLeft?: ReactNode;
  className?: string;
  /** Names the pad as a group for assistive technology. */
  label?: string;
  children?: ReactNode;
}) {
  return (
    <div className={className} role={label === undefined ? undefined : 'group'} aria-label={label}>
      {KEYS.map((d) => (
        <PadKey key={d} onPress={() => onDigit(d)}>
          {d}
        </PadKey>
      ))}
      {bottomLeft ?? <span />}
      <PadKey onPress={() => onDigit('0')}>0</PadKey>
      <PadKey variant="fn" label={backspaceLabel} onPress={onBackspace}>
        <Icon name="backspace" />
      </PadKey>
      {children}
    </div>
  );
}
