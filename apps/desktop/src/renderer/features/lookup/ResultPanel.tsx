import { useLayoutEffect } from 'react';
import { useLocale, useT } from '../../i18n/use-t';
import { markPaintedNextFrame } from '../../lib/perf';
import { useLookupStore, type Display } from './lookup-store';
import { announcement, isCardState } from './present';
import { CardStateView, IdleView, OkView, PendingView, ProblemView } from './ResultViews';
import { ScanNoticeView } from './ScanNotice';
import { PrintControl } from '../printing/PrintControl';

/** `lookup:painted` in the frame that paints an answer (the performance marks `pnpm bench:ui` reads). */
function usePaintedMark(display: Display): void {
  useLayoutEffect(() => {
    if (display.kind === 'idle' || display.kind === 'pending') return undefined;
    const latency = display.kind === 'failed' ? null : display.outcome.latencyMs;
    return markPaintedNextFrame(display.seq, latency, display.kind);
  }, [display]);
}

export function ResultPanel() {
  const t = useT();
  const locale = useLocale();
  const display = useLookupStore((s) => s.display);
  const retry = useLookupStore((s) => s.retry);
  const scanNotice = useLookupStore((s) => s.scanNotice);
  usePaintedMark(display);
  const cardState = isCardState(display);

  return (
    <section
      className={`result result--${cardState ? 'card-state' : display.kind}`}
      aria-busy={display.kind === 'pending'}
    >
      {display.kind === 'idle' &&
        (scanNotice === null ? <IdleView t={t} /> : <ScanNoticeView t={t} kind={scanNotice} />)}
      {display.kind === 'pending' && <PendingView t={t} cardId={display.cardId} />}
      {display.kind === 'ok' && <OkView t={t} locale={locale} display={display} />}
      {cardState && <CardStateView t={t} display={display} />}
      {(display.kind === 'failed' || (display.kind === 'error' && !cardState)) && (
        <ProblemView t={t} display={display} onRetry={retry} />
      )}
      <PrintControl />
      {/* The one place answers and errors are announced (the error view has no role="alert" of
          its own, or a screen reader would read the sentence twice). */}
      <p className="sr-only" aria-live="polite" data-testid="announcer">
        {announcement(t, display, locale)}
      </p>
    </section>
  );
}
