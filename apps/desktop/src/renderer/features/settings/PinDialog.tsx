import { PIN_MAX_DIGITS } from '@balance-desk/contract/model';
import { useState } from 'react';
import { useNow } from '../../hooks/use-now';
import { useT } from '../../i18n/use-t';
import { DigitPad } from '../../ui/DigitPad';
import { PinField } from './PinField';
import { pinMessageText } from './pin-message';
import { useSettingsStore } from './settings-store';

export function PinDialog() {
  const t = useT();
  const [pin, setPin] = useState('');
  const message = useSettingsStore((s) => s.pinMessage);
  const busy = useSettingsStore((s) => s.pinBusy);
  const submitPin = useSettingsStore((s) => s.submitPin);
  const close = useSettingsStore((s) => s.close);
  const locked = message?.kind === 'locked';
  const now = useNow(500, locked);
  const text = pinMessageText(t, message, now);
  const blocked = busy || (message?.kind === 'locked' && message.until > now);

  const submit = (): void => {
    if (blocked || pin === '') return;
    void submitPin(pin).then(() => setPin(''));
  };

  return (
    <div
      className="dialog dialog--pin"
      role="dialog"
      aria-modal="true"
      aria-labelledby="pin-title"
      data-testid="pin-dialog"
    >
      <h2 id="pin-title" className="dialog__title">
        {t.pin.title}
      </h2>
      <PinField id="pin-input" label={t.pin.enter} value={pin} onChange={setPin} onEnter={submit} autoFocus />
      {text !== null && (
        <p
          className={
            message?.kind === 'unauthorized' || message?.kind === 'not-set' ? 'dialog__note' : 'dialog__error'
          }
          role="alert"
          data-testid="pin-message"
        >
          {text}
        </p>
      )}
      <DigitPad
        onDigit={(d) => setPin((p) => (p + d).slice(0, PIN_MAX_DIGITS))}
        onBackspace={() => setPin((p) => p.slice(0, -1))}
        backspaceLabel={t.keypad.backspace}
      />
      <div className="dialog__actions">
        <button type="button" className="btn" onClick={close}>
          {t.pin.cancel}
        </button>
        <button type="button" className="btn btn--primary" disabled={blocked} onClick={submit}>
          {t.pin.submit}
        </button>
      </div>
    </div>
  );
}
