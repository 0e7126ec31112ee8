import { CREDENTIAL_BINDING_PROBLEMS } from '@balance-desk/contract/model';
import { useT } from '../../i18n/use-t';
import { useStatusStore } from '../status/status-store';
import { useSettingsStore } from './settings-store';

/** desk-core's reasons for refusing to sign with credentials stored for another gateway. */
const OTHER_GATEWAY = new Set<string>(CREDENTIAL_BINDING_PROBLEMS);

/** Save, test the connection, change the PIN, leave kiosk: each with its one-line result. */
export function SettingsActions() {
  const t = useT();
  const saveState = useSettingsStore((s) => s.saveState);
  const saveFailure = useSettingsStore((s) => s.saveFailure);
  const connection = useSettingsStore((s) => s.connection);
  const kioskExit = useSettingsStore((s) => s.kioskExit);
  const pinChanged = useSettingsStore((s) => s.pinMessage?.kind === 'pin-set');
  const save = useSettingsStore((s) => s.save);
  const testConnection = useSettingsStore((s) => s.testConnection);
  const startChangePin = useSettingsStore((s) => s.startChangePin);
  const exitKiosk = useSettingsStore((s) => s.exitKiosk);
  const kiosk = useStatusStore((s) => s.status?.kiosk ?? false);

  const saveText =
    saveState === 'saving'
      ? t.settings.saving
      : saveState === 'saved'
        ? t.settings.saved
        : saveState === 'invalid'
          ? t.settings.invalid
          : saveState === 'failed'
            ? saveFailure
              ? t.settings.saveFailed[saveFailure.reason]
              : t.settings.failed
            : '';
  const verdict = connection.state === 'done' ? connection.verdict : null;

  return (
    <footer className="settings__actions">
      <div className="settings__action">
        <button
          type="button"
          className="btn btn--primary"
          data-testid="save"
          disabled={saveState === 'saving'}
          onClick={() => void save()}
        >
          {t.settings.save}
        </button>
        <span
          className={
            saveState === 'invalid' || saveState === 'failed'
              ? 'settings__msg settings__msg--bad'
              : 'settings__msg'
          }
          role="status"
          data-testid="save-state"
        >
          {saveText}
          {saveState === 'failed' && saveFailure?.code !== undefined && <small> · {saveFailure.code}</small>}
        </span>
      </div>
      <div className="settings__action">
        <button
          type="button"
          className="btn"
          data-testid="test-connection"
          disabled={connection.state === 'testing'}
          onClick={() => void testConnection()}
        >
          {t.settings.testConnection}
        </button>
        <span
          className={
            verdict && verdict.verdict !== 'ok' ? 'settings__msg settings__msg--bad' : 'settings__msg'
          }
          role="status"
          data-testid="verdict"
          data-verdict={verdict?.verdict}
        >
          {connection.state === 'testing' && t.settings.testing}
          {connection.state === 'failed' && t.settings.failed}
          {verdict &&
            (OTHER_GATEWAY.has(verdict.detail.text ?? '')
              ? t.settings.credentialsOtherGateway
              : verdict.verdict === 'not-configured' // nothing was sent: no time to tell
                ? t.settings.verdicts[verdict.verdict]
                : `${t.settings.verdicts[verdict.verdict]} ${t.settings.latency(Math.round(verdict.latencyMs))}`)}
          {verdict?.detail.code !== undefined && <small> · {verdict.detail.code}</small>}
          {verdict?.detail.subCode !== undefined && <small> · {verdict.detail.subCode}</small>}
          {verdict?.detail.requestId !== undefined && <small> · {verdict.detail.requestId}</small>}
          {(verdict?.verdict === 'tls-untrusted' || verdict?.verdict === 'tls-host-mismatch') &&
            verdict.detail.text !== undefined && (
              <small> · {t.settings.certificateIssuer(verdict.detail.text)}</small>
            )}
        </span>
      </div>
      <div className="settings__action">
        <button type="button" className="btn" onClick={startChangePin}>
          {t.settings.changePin}
        </button>
        <span className="settings__msg" role="status" data-testid="pin-changed">
          {pinChanged ? t.pin.pinSet : ''}
        </span>
        {kiosk && (
          <button type="button" className="btn btn--danger" onClick={() => void exitKiosk()}>
            {t.settings.exitKiosk}
          </button>
        )}
        {kioskExit === 'done' && <span className="settings__msg">{t.settings.kioskExited}</span>}
        {kioskExit === 'failed' && (
          <span className="settings__msg settings__msg--bad">{t.settings.failed}</span>
        )}
      </div>
    </footer>
  );
}
