import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/use-t';
import { useScannerStore } from '../scanner/scanner-store';
import { PinDialog } from './PinDialog';
import { SetPinDialog } from './SetPinDialog';
import { SettingsForm } from './SettingsForm';
import { useSettingsStore, type SettingsStage } from './settings-store';

/** The manager's side of the app, over the cashier screen; the scanner is paused while it is open. */
export function SettingsOverlay() {
  const stage = useSettingsStore((s) => s.stage);
  if (stage === 'closed') return null;
  return <OpenOverlay stage={stage} />;
}

function OpenOverlay({ stage }: { stage: Exclude<SettingsStage, 'closed'> }) {
  const ref = useRef<HTMLDivElement>(null);
  // While a dialog is open everything beside it is `inert`: aria-modal alone does not stop Tab (or
  // a click) from reaching the card field behind it; inert also hides it from screen readers. The
  // overlay's siblings are the app's status bar, banners and main area.
  useEffect(() => {
    const overlay = ref.current;
    const parent = overlay?.parentElement;
    if (!overlay || !parent) return undefined;
    const made = [...parent.children].filter((el) => el !== overlay && !el.hasAttribute('inert'));
    for (const el of made) el.setAttribute('inert', '');
    return () => {
      for (const el of made) el.removeAttribute('inert');
    };
  }, []);

  return (
    <div className="overlay" ref={ref}>
      <ScannedNotice />
      {stage === 'pin' && <PinDialog />}
      {stage === 'set-pin' && <SetPinDialog />}
      {stage === 'form' && <SettingsForm />}
    </div>
  );
}

/** A card scanned while a dialog is open is neither looked up nor typed into it: the manager is told. */
function ScannedNotice() {
  const t = useT();
  const scanned = useScannerStore((s) => s.scannedWhilePaused);
  return (
    <p className="overlay__scanned" role="status" data-testid="dialog-scan-notice">
      {scanned ? t.scan.inDialog : ''}
    </p>
  );
}
