import type { MouseEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { Icon } from '../../ui/Icon';
import { useLookupStore } from './lookup-store';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** Keep focus where it was (the field): a tapped key must not become the target of the next Enter. */
function keepFocus(event: MouseEvent): void {
  event.preventDefault();
}

/** On-screen keypad for touch terminals: ≥ 48 px keys laid out for one hand. */
export function Keypad() {
  const t = useT();
  const typeKey = useLookupStore((s) => s.typeKey);
  const backspace = useLookupStore((s) => s.backspace);
  const clearDraft = useLookupStore((s) => s.clearDraft);
  const enter = useLookupStore((s) => s.enter);

  return (
    <div className="keypad" role="group" aria-label={t.keypad.label}>
      {DIGITS.map((d) => (
        <button
          key={d}
          type="button"
          className="keypad__key"
          tabIndex={-1}
          onMouseDown={keepFocus}
          onClick={() => typeKey(d)}
        >
          {d}
        </button>
      ))}
      <button
        type="button"
        className="keypad__key keypad__key--fn"
        tabIndex={-1}
        onMouseDown={keepFocus}
        onClick={clearDraft}
      >
        {t.keypad.clear}
      </button>
      <button
        type="button"
        className="keypad__key"
        tabIndex={-1}
        onMouseDown={keepFocus}
        onClick={() => typeKey('0')}
      >
        0
      </button>
      <button
        type="button"
        className="keypad__key keypad__key--fn"
        tabIndex={-1}
        aria-label={t.keypad.backspace}
        onMouseDown={keepFocus}
        onClick={backspace}
      >
        <Icon name="backspace" />
      </button>
      <button
        type="button"
        className="keypad__key keypad__key--go"
        tabIndex={-1}
        onMouseDown={keepFocus}
        onClick={() => enter('keypad')}
      >
        {t.keypad.lookup}
      </button>
    </div>
  );
}
