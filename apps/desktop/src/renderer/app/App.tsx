import { useEffect } from 'react';
import { ReadFlash } from '../features/feedback/ReadFlash';
import { CardEntry } from '../features/lookup/CardEntry';
import { Keypad } from '../features/lookup/Keypad';
import { ResultPanel } from '../features/lookup/ResultPanel';
import { SettingsOverlay } from '../features/settings/SettingsOverlay';
import { NoticeBanners } from '../features/status/NoticeBanners';
import { SidePanel } from '../features/status/SidePanel';
import { StatusBar } from '../features/status/StatusBar';
import { useSettingsStore } from '../features/settings/settings-store';
import { useStatusStore } from '../features/status/status-store';
import { useLocale, useT } from '../i18n/use-t';
import { ErrorBoundary } from './ErrorBoundary';
import { startApp } from './wiring';

export function App() {
  const t = useT();
  const locale = useLocale();
  // Settings (scanner tuning, idle timer) and status have arrived: tests and the bench wait for this.
  const settingsLoaded = useSettingsStore((s) => s.view !== null);
  const statusLoaded = useStatusStore((s) => s.status !== null);
  const ready = settingsLoaded && statusLoaded;
  useEffect(() => startApp(window), []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `BalanceDesk · ${t.app.title}`;
  }, [locale, t]);

  return (
    <div className="app" data-ready={ready ? 'true' : 'false'}>
      <StatusBar />
      <NoticeBanners />
      <main className="main">
        <h1 className="sr-only">{t.app.title}</h1>
        <section className="main__lookup">
          <CardEntry />
          <ErrorBoundary message={t.app.crashed}>
            <ResultPanel />
          </ErrorBoundary>
        </section>
        <aside className="main__side">
          <Keypad />
          <SidePanel />
        </aside>
      </main>
      <SettingsOverlay />
      <ReadFlash />
    </div>
  );
}
