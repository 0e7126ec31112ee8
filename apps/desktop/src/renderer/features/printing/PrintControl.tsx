import type { Dictionary } from '../../i18n';
import { useT } from '../../i18n/use-t';
import { useLookupStore } from '../lookup/lookup-store';
import { useSettingsStore } from '../settings/settings-store';
import { isPrintable, usePrintStore, type PrintJob } from './print-store';

function failureText(t: Dictionary, job: Extract<PrintJob, { state: 'failed' }>): string {
  return job.reason === 'no-answer' ? t.printing.reasons['print-failed'] : t.printing.reasons[job.reason];
}

/**
 * Print (F9) under a printable result, with the job's state in words the cashier understands, and
 * Retry after a failure. Absent when no printer is set.
 */
export function PrintControl() {
  const t = useT();
  const hasPrinter = useSettingsStore((s) => (s.view?.printer ?? null) !== null);
  const display = useLookupStore((s) => s.display);
  const job = usePrintStore((s) => s.job);
  const print = usePrintStore((s) => s.print);
  if (!hasPrinter || !isPrintable(display)) return null;
  const mine = job?.seq === display.seq ? job : null;
  const printing = mine?.state === 'printing';

  return (
    <div className="print" data-testid="print" data-state={mine?.state ?? 'idle'}>
      {mine?.state !== 'failed' && (
        <button
          type="button"
          className="btn print__button"
          data-testid="print-button"
          disabled={printing}
          aria-keyshortcuts="F9"
          onClick={() => void print()}
        >
          {t.printing.print} <kbd>{t.printing.printKey}</kbd>
        </button>
      )}
      <p
        className={mine?.state === 'failed' ? 'print__msg print__msg--bad' : 'print__msg'}
        role="status"
        data-testid="print-state"
        data-reason={mine?.state === 'failed' ? mine.reason : undefined}
      >
        {mine?.state === 'printing' && t.printing.printing}
        {mine?.state === 'printed' && t.printing.printed}
        {mine?.state === 'failed' && (
          <>
            <strong>{t.printing.failedTitle}</strong> {failureText(t, mine)}
          </>
        )}
      </p>
      {mine?.state === 'failed' && (
        <button
          type="button"
          className="btn btn--primary print__retry"
          data-testid="print-retry"
          aria-keyshortcuts="F9"
          onClick={() => void print()}
        >
          {t.printing.retry} <kbd>{t.printing.printKey}</kbd>
        </button>
      )}
    </div>
  );
}
