import type { Dictionary } from '../../i18n';
import { Icon } from '../../ui/Icon';
import type { DroppedRead } from '../scanner/detector';

/** Instead of "scan a card": the last scanner read was dropped, not looked up, and why. */
export function ScanNoticeView({ t, kind }: { t: Dictionary; kind: DroppedRead }) {
  const incomplete = kind === 'incomplete';
  return (
    <div className="problem scan-notice" data-testid="scan-notice" data-kind={kind} role="alert">
      <div className="problem__head">
        <Icon name="alert" className="problem__icon" />
        <h2 className="problem__title">{incomplete ? t.scan.incomplete : t.scan.notACard}</h2>
      </div>
      <p className="problem__message">{incomplete ? t.scan.incompleteHint : t.scan.notACardHint}</p>
    </div>
  );
}
