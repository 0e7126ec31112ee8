import type { ManagerEvent } from '@balance-desk/contract';
import { useT } from '../../i18n/use-t';
import { useSettingsStore } from './settings-store';

const GOOD = new Set(['ok']);

/** The last 100 manager actions, newest first: "who changed the gateway, and when?". */
export function AuditLogSection() {
  const t = useT();
  const audit = useSettingsStore((s) => s.audit);
  const locale = useSettingsStore((s) => s.view?.locale ?? 'zh-CN');
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });

  const outcome = (e: ManagerEvent): string => {
    const outcomes: Record<string, string> = t.audit.outcomes;
    const verdicts: Record<string, string> = t.settings.verdicts;
    if (e.event === 'connection-test' && Object.hasOwn(verdicts, e.outcome))
      return verdicts[e.outcome] ?? e.outcome;
    return Object.hasOwn(outcomes, e.outcome) ? (outcomes[e.outcome] ?? e.outcome) : e.outcome;
  };
  const detail = (e: ManagerEvent): string =>
    [
      e.host,
      e.fields?.join(', '),
      e.attemptsLeft === undefined ? undefined : t.audit.attemptsLeft(e.attemptsLeft),
      e.retryAfterSeconds === undefined ? undefined : t.audit.retryAfter(e.retryAfterSeconds),
      e.detail,
    ]
      .filter((part) => part !== undefined && part !== '')
      .join(' · ');

  return (
    <fieldset className="settings__section audit" data-testid="audit">
      <legend>{t.audit.title}</legend>
      {audit.state === 'loading' && <p className="dialog__note">{t.audit.loading}</p>}
      {audit.state === 'failed' && <p className="dialog__note">{t.audit.failed}</p>}
      {audit.state === 'done' && audit.events.length === 0 && <p className="dialog__note">{t.audit.empty}</p>}
      {audit.state === 'done' && audit.events.length > 0 && (
        <div className="audit__scroll">
          <table className="audit__table">
            <thead>
              <tr>
                <th scope="col">{t.audit.at}</th>
                <th scope="col">{t.audit.event}</th>
                <th scope="col">{t.audit.outcome}</th>
                <th scope="col">{t.audit.detail}</th>
              </tr>
            </thead>
            <tbody>
              {audit.events.map((e, i) => (
                <tr key={`${e.at}-${i}`} data-event={e.event} data-outcome={e.outcome}>
                  <td>{Number.isNaN(Date.parse(e.at)) ? e.at : time.format(new Date(e.at))}</td>
                  <td>{t.audit.events[e.event]}</td>
                  <td className={GOOD.has(e.outcome) ? undefined : 'audit__bad'}>{outcome(e)}</td>
                  <td>{detail(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </fieldset>
  );
}
