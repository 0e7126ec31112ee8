import { dictionaryFor } from '../../i18n';
import { useT } from '../../i18n/use-t';
import { useStatusStore } from '../status/status-store';
import { FlagInput, SecretInput, SelectField, TextAreaField, TextField } from './Fields';
import { AuditLogSection } from './AuditLog';
import { PrinterSection } from './PrinterSection';
import { CustomerDisplaySection } from './CustomerDisplaySection';
import { SettingsActions } from './SettingsActions';
import { useSettingsStore } from './settings-store';

const SIGN_METHODS = ['hmac-sha256', 'hmac', 'md5'] as const;

export function SettingsForm() {
  const t = useT();
  const ready = useSettingsStore((s) => s.draft !== null);
  const custom = useSettingsStore((s) => s.draft?.values.gatewayKind === 'custom');
  const close = useSettingsStore((s) => s.close);
  const version = useStatusStore((s) => s.status?.version);
  const o = t.settings.options;

  return (
    <div
      className="dialog dialog--settings"
      role="dialog"
      aria-modal="true"
      aria-labelledby="settings-title"
      data-testid="settings"
    >
      <header className="dialog__header">
        <h2 id="settings-title" className="dialog__title">
          {t.settings.title}
        </h2>
        {version !== undefined && <span className="dialog__version">{t.settings.version(version)}</span>}
        <button type="button" className="btn" onClick={close}>
          {t.settings.close}
        </button>
      </header>
      {!ready ? (
        <p className="dialog__note">{t.settings.loading}</p>
      ) : (
        <div className="settings__body">
          <fieldset className="settings__section">
            <legend>{t.settings.sections.connection}</legend>
            <SelectField
              field="gatewayKind"
              options={[
                { value: 'production', label: o.production },
                { value: 'sandbox', label: o.sandbox },
                { value: 'custom', label: o.custom },
              ]}
            />
            {custom && <TextField field="gatewayUrl" type="url" />}
            <TextField field="appKey" />
            <SecretInput field="appSecret" />
            <SecretInput field="sessionKey" />
            <SelectField
              field="signMethod"
              options={SIGN_METHODS.map((m) => ({ value: m, label: m.toUpperCase() }))}
            />
          </fieldset>
          <fieldset className="settings__section">
            <legend>{t.settings.sections.network}</legend>
            <TextField field="proxyUrl" type="url" />
            <SecretInput field="proxyCredentials" />
            <TextAreaField field="caCertificates" />
          </fieldset>
          <fieldset className="settings__section">
            <legend>{t.settings.sections.shop}</legend>
            <TextField field="shopName" />
            <TextField field="brandId" />
            <TextField field="outBrandId" />
            <TextField field="shopId" />
            <TextField field="outShopId" />
          </fieldset>
          <fieldset className="settings__section">
            <legend>{t.settings.sections.display}</legend>
            <SelectField
              field="locale"
              options={[
                { value: 'zh-CN', label: dictionaryFor('zh-CN').langName },
                { value: 'en', label: dictionaryFor('en').langName },
              ]}
            />
            <SelectField
              field="amountUnit"
              options={[
                { value: 'fen', label: o.fen },
                { value: 'yuan', label: o.yuan },
              ]}
            />
            <TextField field="idleClearSeconds" type="number" />
            <TextField field="readToneVolume" type="number" />
            <FlagInput field="readFlash" />
          </fieldset>
          <CustomerDisplaySection />
          <fieldset className="settings__section">
            <legend>{t.settings.sections.scanner}</legend>
            <SelectField
              field="scanner.terminator"
              options={(['enter-or-tab', 'enter', 'tab', 'none'] as const).map((v) => ({
                value: v,
                label: o[v],
              }))}
            />
            <TextField field="scanner.prefix" />
            <TextField field="scanner.suffix" />
            <TextField field="scanner.minLength" type="number" />
            <TextField field="scanner.maxLength" type="number" />
            <TextField field="scanner.maxAvgIntervalMs" type="number" />
            <TextField field="scanner.maxGapMs" type="number" />
            <TextField field="scanner.flushAfterMs" type="number" />
            <TextField field="scanner.stallWindowMs" type="number" />
            <TextField field="scanner.extractPattern" />
          </fieldset>
          <fieldset className="settings__section">
            <legend>{t.settings.sections.device}</legend>
            <TextField field="requestTimeoutMs" type="number" />
            <FlagInput field="kiosk" />
            <FlagInput field="startAtLogin" />
            <FlagInput field="insecureStorageAccepted" />
          </fieldset>
          <PrinterSection />
          <AuditLogSection />
        </div>
      )}
      {ready && <SettingsActions />}
    </div>
  );
}
