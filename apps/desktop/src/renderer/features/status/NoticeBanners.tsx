import { useT } from '../../i18n/use-t';
import { SUSPECT_SETTINGS_AFTER, useLookupStore } from '../lookup/lookup-store';
import { useSettingsStore } from '../settings/settings-store';
import { noticeKey, useStatusStore } from './status-store';

/** app:status notices (translated by code), plus the two states a cashier must not miss. */
export function NoticeBanners() {
  const t = useT();
  const notices = useStatusStore((s) => s.status?.notices);
  const dismissed = useStatusStore((s) => s.dismissed);
  const offline = useStatusStore((s) => s.status?.online === 'offline');
  const unreachable = useStatusStore((s) => s.unreachable);
  const forbidden = useStatusStore((s) => s.forbidden);
  const dismiss = useStatusStore((s) => s.dismiss);
  const suspectSettings = useLookupStore((s) => s.invalidParamCards.length >= SUSPECT_SETTINGS_AFTER);
  const dismissSettingsHint = useLookupStore((s) => s.dismissSettingsHint);
  const openSettings = useSettingsStore((s) => s.open);
  const visible = (notices ?? []).filter((n) => !dismissed.includes(noticeKey(n)));

  if (visible.length === 0 && !offline && !unreachable && !suspectSettings) return null;
  return (
    <div className="banners">
      {offline && (
        <p className="banner banner--offline" role="status" data-testid="offline-banner">
          {t.status.offlineBanner}
        </p>
      )}
      {unreachable && (
        <p className="banner banner--offline" role="alert" data-testid="unreachable-banner">
          {forbidden ? t.status.noAccessToken : t.status.unreachable}
        </p>
      )}
      {suspectSettings && (
        <div className="banner banner--notice" role="status" data-testid="settings-hint">
          <span>{t.cardState.settingsBanner}</span>
          <button type="button" className="btn btn--small" onClick={openSettings}>
            {t.cardState.openSettings}
          </button>
          <button type="button" className="btn btn--small" onClick={dismissSettingsHint}>
            {t.dismiss}
          </button>
        </div>
      )}
      {visible.map((n) => (
        <div key={noticeKey(n)} className="banner banner--notice" role="status" data-code={n.code}>
          <span>{t.notices[n.code]}</span>
          {n.detail !== undefined && <small className="banner__detail">{n.detail}</small>}
          <button type="button" className="btn btn--small" onClick={() => dismiss(n)}>
            {t.dismiss}
          </button>
        </div>
      ))}
    </div>
  );
}
