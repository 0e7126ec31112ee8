import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { RecentList } from '../lookup/RecentList';
import { DemoCards } from './DemoCards';
import { useStatusStore } from './status-store';

/** Recent lookups; in demo mode a tab also offers the demo cards. */
export function SidePanel() {
  const t = useT();
  const demo = useStatusStore((s) => s.status?.mode === 'demo' && s.status.demoCards.length > 0);
  const [tab, setTab] = useState<'recent' | 'demo'>('recent');
  const showing = demo ? tab : 'recent';

  return (
    <div className="side">
      <div className="side__tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={showing === 'recent'}
          className="side__tab"
          onClick={() => setTab('recent')}
        >
          {t.recent.title}
        </button>
        {demo && (
          <button
            type="button"
            role="tab"
            aria-selected={showing === 'demo'}
            className="side__tab"
            data-testid="demo-tab"
            onClick={() => setTab('demo')}
          >
            {t.demo.title}
          </button>
        )}
      </div>
      <div className="side__body">{showing === 'recent' ? <RecentList /> : <DemoCards />}</div>
    </div>
  );
}
