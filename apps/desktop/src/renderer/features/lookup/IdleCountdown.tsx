import { useNow } from '../../hooks/use-now';
import { useT } from '../../i18n/use-t';
import { useLookupStore } from './lookup-store';

/** The privacy countdown: the answer clears itself; Esc or the button clears it now. */
export function IdleCountdown() {
  const t = useT();
  const clearAt = useLookupStore((s) => s.clearAt);
  const clear = useLookupStore((s) => s.clear);
  const total = useLookupStore((s) => s.idleClearSeconds);
  const now = useNow(250, clearAt !== null);
  if (clearAt === null) return null;
  // Clamped: a ticker that was idle may hand out a stale first reading.
  const seconds = Math.min(total, Math.max(0, Math.ceil((clearAt - now) / 1000)));
  return (
    <div className="countdown">
      <span className="countdown__text" data-testid="countdown">
        {t.result.clearsIn(seconds)}
      </span>
      <button type="button" className="btn btn--small" onClick={clear}>
        {t.result.clearNow}
      </button>
    </div>
  );
}
