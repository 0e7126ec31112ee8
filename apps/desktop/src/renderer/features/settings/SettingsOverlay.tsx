import { useEffect, useRef } from 'react';
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
      {stage === 'pin' && <PinDialog />}
      {stage === 'set-pin' && <SetPinDialog />}
      {stage === 'form' && <SettingsForm />}
    </div>
  );
}
