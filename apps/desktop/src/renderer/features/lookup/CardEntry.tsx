import { useRef } from 'react';
import { useT } from '../../i18n/use-t';
import { Icon } from '../../ui/Icon';
import { useScannerStore } from '../scanner/scanner-store';
import { CARD_INPUT_ID } from './dom-ids';
import { useLookupStore } from './lookup-store';
import { useHistoryFreeTyping } from './use-history-free-typing';

/** The card field: typing, Backspace, paste and Enter work as usual; a scan needs none of it. */
export function CardEntry() {
  const t = useT();
  const draft = useLookupStore((s) => s.draft);
  const setDraft = useLookupStore((s) => s.setDraft);
  const enter = useLookupStore((s) => s.enter);
  const imeWarning = useScannerStore((s) => s.imeWarning);
  const dismissIme = useScannerStore((s) => s.dismissImeWarning);
  const inputRef = useRef<HTMLInputElement>(null);
  useHistoryFreeTyping(inputRef, draft, setDraft);

  return (
    <div className="entry">
      <label className="entry__label" htmlFor={CARD_INPUT_ID}>
        {t.entry.label}
      </label>
      <div className="entry__row">
        <input
          id={CARD_INPUT_ID}
          ref={inputRef}
          className="entry__input"
          value={draft}
          placeholder={t.entry.placeholder}
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          autoFocus
          // The on-screen keypad is the touch keyboard; the system one would cover the result.
          inputMode="none"
          maxLength={1024}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault();
              enter('typed');
            }
          }}
        />
        <button type="button" className="btn btn--primary entry__go" onClick={() => enter('typed')}>
          {t.entry.lookup}
        </button>
      </div>
      {imeWarning && (
        <p className="entry__ime" role="status">
          <Icon name="ime" />
          <span>{t.entry.imeWarning}</span>
          <button type="button" className="btn btn--small" onClick={dismissIme}>
            {t.dismiss}
          </button>
        </p>
      )}
    </div>
  );
}
