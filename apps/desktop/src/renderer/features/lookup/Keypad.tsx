import { useT } from '../../i18n/use-t';
import { DigitPad, PadKey } from '../../ui/DigitPad';
import { useLookupStore } from './lookup-store';

/** On-screen keypad for touch terminals: ≥ 48 px keys laid out for one hand. */
export function Keypad() {
  const t = useT();
  const typeKey = useLookupStore((s) => s.typeKey);
  const backspace = useLookupStore((s) => s.backspace);
  const clearDraft = useLookupStore((s) => s.clearDraft);
  const enter = useLookupStore((s) => s.enter);

  return (
    <DigitPad
      className="keypad"
      label={t.keypad.label}
      onDigit={typeKey}
      onBackspace={backspace}
      backspaceLabel={t.keypad.backspace}
      bottomLeft={
        <PadKey variant="fn" onPress={clearDraft}>
          {t.keypad.clear}
        </PadKey>
      }
    >
      <PadKey variant="go" onPress={() => enter('keypad')}>
        {t.keypad.lookup}
      </PadKey>
    </DigitPad>
  );
}
