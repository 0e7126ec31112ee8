import { useNow } from '../../hooks/use-now';
import { useLocale } from '../../i18n/use-t';
import { formatClock } from '../../lib/time';

/** Its own component: the once-a-second tick re-renders only this. */
export function Clock() {
  const locale = useLocale();
  const now = useNow(1000);
  return (
    <time className="statusbar__clock" dateTime={new Date(now).toISOString()}>
      {formatClock(new Date(now), locale)}
    </time>
  );
}
