import { useLookupStore } from '../features/lookup/lookup-store';
import { useSettingsStore } from '../features/settings/settings-store';

/** Elements that handle Enter themselves (a field submits, a button clicks). */
function handlesEnter(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest('input, textarea, select, button, a[href], [role="button"]') !== null
  );
}

/**
 * Keyboard-only use (issue #4): F2 opens settings, Esc clears the screen (or closes the dialog),
 * Enter anywhere looks up the typed number or retries a retriable error. Runs in the bubble phase,
 * after the scanner's capture listener, which stops the keys of a scan before they get here.
 */
export function attachGlobalKeys(target: Window): () => void {
  function onKeyDown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return;
    const settings = useSettingsStore.getState();
    if (event.key === 'F2') {
      event.preventDefault();
      settings.open();
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      if (settings.stage !== 'closed') settings.close();
      else useLookupStore.getState().clear();
      return;
    }
    if (event.key === 'Enter' && settings.stage === 'closed' && !handlesEnter(event.target)) {
      event.preventDefault();
      useLookupStore.getState().enter();
    }
  }
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
