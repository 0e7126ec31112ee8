import { useLongPress } from '../../hooks/use-long-press';
import { useT } from '../../i18n/use-t';
import { Icon } from '../../ui/Icon';
import { useSettingsStore } from '../settings/settings-store';
import { Clock } from './Clock';
import { useStatusStore } from './status-store';

export function StatusBar() {
  const t = useT();
  const mode = useStatusStore((s) => s.status?.mode);
  const shopName = useStatusStore((s) => s.status?.shopName ?? '');
  const shopId = useStatusStore((s) => s.status?.shopId ?? '');
  const online = useStatusStore((s) => s.status?.online ?? 'unknown');
  const openSettings = useSettingsStore((s) => s.open);
  const longPress = useLongPress(openSettings);

  return (
    <header className="statusbar">
      <div className="statusbar__shop" data-testid="shop" title={t.status.openSettingsHint} {...longPress}>
        <span className="statusbar__shop-name">{shopName === '' ? t.status.shopUnset : shopName}</span>
        {shopId !== '' && <span className="statusbar__shop-id">{t.status.shopId(shopId)}</span>}
      </div>
      {mode === 'demo' && (
        <span className="badge badge--demo" data-testid="demo-badge" title={t.status.demoHint}>
          {t.status.demoBadge}
        </span>
      )}
      {mode === 'unconfigured' && <span className="badge badge--warn">{t.status.unconfigured}</span>}
      <span className="statusbar__spacer" />
      <span className={`conn conn--${online}`} data-testid="connection">
        <span className="conn__dot" aria-hidden="true" />
        {online === 'online' ? t.status.online : online === 'offline' ? t.status.offline : t.status.unknown}
      </span>
      <Clock />
      <button
        type="button"
        className="btn btn--icon statusbar__settings"
        aria-label={t.status.settings}
        title={t.status.settings}
        onClick={openSettings}
      >
        <Icon name="settings" />
      </button>
    </header>
  );
}
