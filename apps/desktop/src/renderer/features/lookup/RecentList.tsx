import { useLocale, useT } from '../../i18n/use-t';
import { maskCardForScreen } from '@balance-desk/contract/model';
import { formatClock } from '../../lib/time';
import { useLookupStore } from './lookup-store';

/** This session's last lookups (renderer memory only, masked); one tap looks a card up again. */
export function RecentList() {
  const t = useT();
  const locale = useLocale();
  const recent = useLookupStore((s) => s.recent);
  const lookup = useLookupStore((s) => s.lookup);

  if (recent.length === 0) return <p className="side__empty">{t.recent.empty}</p>;
  return (
    <ul className="recent" data-testid="recent">
      {recent.map((r) => {
        const masked = maskCardForScreen(r.cardId);
        const time = formatClock(new Date(r.at), locale);
        return (
          <li key={r.cardId}>
            {/* The name keeps the visible text (card, time) whole after the action: label in name (WCAG 2.5.3). */}
            <button
              type="button"
              className="recent__item"
              aria-label={`${t.recent.again(masked)} ${time}`}
              onClick={() => void lookup(r.cardId, 'recent')}
            >
              <span className="recent__card">{masked}</span> <span className="recent__time">{time}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
