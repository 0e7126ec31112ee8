import { PIN_MAX_DIGITS } from '@balance-desk/contract/model';
import type { KeyboardEvent } from 'react';

/** A labelled, masked numeric PIN input; Enter submits. Shared by the PIN and set-PIN dialogs. */
export function PinField({
  id,
  label,
  value,
  onChange,
  onEnter,
  onFocus,
  autoFocus = false,
  autoComplete = 'off',
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onEnter: () => void;
  onFocus?: () => void;
  autoFocus?: boolean;
  autoComplete?: 'off' | 'new-password';
}) {
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onEnter();
    }
  };
  return (
    <>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="field__input field__input--pin"
        type="password"
        inputMode="numeric"
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        maxLength={PIN_MAX_DIGITS}
        value={value}
        onFocus={onFocus}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
      />
    </>
  );
}
