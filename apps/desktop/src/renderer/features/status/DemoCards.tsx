import { useT } from '../../i18n/use-t';
import { useLookupStore } from '../lookup/lookup-store';
import { useStatusStore } from './status-store';

/** Demo mode only: the demo cards, for trainers. */
export function DemoCards() {
  const t = useT();
  const cards = useStatusStore((s) => s.status?.demoCards);
  const lookup = useLookupStore((s) => s.lookup);
  return (
    <ul className="demo-cards" data-testid="demo-cards" aria-label={t.demo.title}>
      {(cards ?? []).map((c) => (
        <li key={c.cardId}>
          <button type="button" className="recent__item" onClick={() => void lookup(c.cardId, 'demo')}>
            <span className="recent__card">{c.label}</span>
            <span className="recent__time">{c.cardId}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
