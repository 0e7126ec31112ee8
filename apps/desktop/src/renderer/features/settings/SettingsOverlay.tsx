import { PinDialog } from './PinDialog';
import { SetPinDialog } from './SetPinDialog';
import { SettingsForm } from './SettingsForm';
import { useSettingsStore } from './settings-store';

/** The manager's side of the app, over the cashier screen; the scanner is paused while it is open. */
export function SettingsOverlay() {
  const stage = useSettingsStore((s) => s.stage);
  if (stage === 'closed') return null;
  return (
    <div className="overlay">
      {stage === 'pin' && <PinDialog />}
      {stage === 'set-pin' && <SetPinDialog />}
      {stage === 'form' && <SettingsForm />}
    </div>
  );
}
