import { PIN_MAX_DIGITS } from '@balance-desk/contract/model';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { DigitPad } from '../../ui/DigitPad';
import { PinField } from './PinField';
import { pinMessageText } from './pin-message';
import { useSettingsStore } from './settings-store';

/** First PIN (no PIN set yet) or a manager changing it. */
export function SetPinDialog() {
  const t = useT();
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [active, setActive] = useState<'pin' | 'confirm'>('pin');
  const message = useSettingsStore((s) => s.pinMessage);
  const busy = useSettingsStore((s) => s.pinBusy);
  const submitNewPin = useSettingsStore((s) => s.submitNewPin);
  const close = useSettingsStore((s) => s.close);
  // No lockout countdown here (setting a PIN is never locked), so the time does not matter.
  const text = pinMessageText(t, message, 0);
  const edit = active === 'pin' ? setPin : setConfirm;

  const submit = (): void => {
    if (!busy) void submitNewPin(pin, confirm);
  };

  return (
    <div
      className="dialog dialog--pin"
      role="dialog"
      aria-modal="true"
      aria-labelledby="setpin-title"
      data-testid="set-pin-dialog"
    >
      <h2 id="setpin-title" className="dialog__title">
        {t.pin.setPin}
      </h2>
      {text !== null && (
        <p
          className={message?.kind === 'not-set' ? 'dialog__note' : 'dialog__error'}
          role="alert"
          data-testid="pin-message"
        >
          {text}
        </p>
      )}
      <PinField
        id="new-pin"
        label={t.pin.newPin}
        value={pin}
        onChange={setPin}
        onEnter={submit}
        onFocus={() => setActive('pin')}
        autoComplete="new-password"
        autoFocus
      />
      <PinField
        id="confirm-pin"
        label={t.pin.confirmPin}
        value={confirm}
        onChange={setConfirm}
        onEnter={submit}
        onFocus={() => setActive('confirm')}
        autoComplete="new-password"
      />
      <DigitPad
        onDigit={(d) => edit((p) => (p + d).slice(0, PIN_MAX_DIGITS))}
        onBackspace={() => edit((p) => p.slice(0, -1))}
        backspaceLabel={t.keypad.backspace}
      />
      <div className="dialog__actions">
        <button type="button" className="btn" onClick={close}>
          {t.pin.cancel}
        </button>
        <button type="button" className="btn btn--primary" disabled={busy} onClick={submit}>
          {t.pin.setPin}
        </button>
      </div>
    </div>
  );
}
