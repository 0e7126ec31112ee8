import type { Locale } from '@balance-desk/contract';
import type { Dictionary } from '../../i18n';
import { maskCardForScreen } from '@balance-desk/contract/model';
import { formatTimeOfDay } from '../../lib/time';
import { Icon } from '../../ui/Icon';
import { AccountCard } from './AccountCard';
import { IdleCountdown } from './IdleCountdown';
import { isRetriable, type Display } from './lookup-store';
import { cardStateText, errorSentence, supportLines } from './present';

export function IdleView({ t }: { t: Dictionary }) {
  return (
    <div className="idle" data-testid="idle">
      <Icon name="scan" className="idle__icon" />
      <h2 className="idle__title">{t.result.idleTitle}</h2>
      <p className="idle__hint">{t.result.idleHint}</p>
    </div>
  );
}

/** Same frame as an answer (label, number slot, parts) so nothing jumps when it arrives. */
export function PendingView({ t, cardId }: { t: Dictionary; cardId: string }) {
  return (
    <div className="pending" data-testid="pending">
      <div className="account__usable-label">{t.result.usable}</div>
      <div className="pending__bar">
        <span className="spinner" aria-hidden="true" />
        <span>{t.result.pending}</span>
      </div>
      <p className="pending__card">{maskCardForScreen(cardId)}</p>
    </div>
  );
}

export function OkView({
  t,
  locale,
  display,
}: {
  t: Dictionary;
  locale: Locale;
  display: Extract<Display, { kind: 'ok' }>;
}) {
  const { outcome } = display;
  const many = outcome.accounts.length > 1;
  return (
    <div
      className="ok"
      data-testid="result"
      data-card={maskCardForScreen(display.cardId)}
      data-latency-ms={outcome.latencyMs}
    >
      {many && <h2 className="ok__count">{t.result.accounts(outcome.accounts.length)}</h2>}
      <div className={many ? `accounts accounts--many accounts--${outcome.accounts.length}` : 'accounts'}>
        {outcome.accounts.map((account, i) => (
          <AccountCard
            key={`${i}:${account.accountId}`}
            account={account}
            unit={outcome.amountUnit}
            locale={locale}
            t={t}
            compact={many}
          />
        ))}
      </div>
      <footer className="result__footer">
        <span className="result__time">
          {t.result.lookedUpAt} {formatTimeOfDay(outcome.at, locale)}
        </span>
        <IdleCountdown />
      </footer>
    </div>
  );
}

/** The small print for the manager and support under a fault or a card state: code, sub-code, request id. */
function SupportDetails({
  t,
  display,
}: {
  t: Dictionary;
  display: Extract<Display, { kind: 'error' | 'failed' }>;
}) {
  return (
    <dl className="problem__support" aria-label={t.errors.support}>
      {supportLines(t, display).map((line) => (
        <div key={line.label}>
          <dt>{line.label}</dt>
          <dd>{line.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ProblemView({
  t,
  display,
  onRetry,
}: {
  t: Dictionary;
  display: Extract<Display, { kind: 'error' | 'failed' }>;
  onRetry: () => void;
}) {
  const retriable = isRetriable(display);
  const reason = display.kind === 'failed' ? 'bridge' : display.outcome.reason;
  return (
    <div
      className="problem"
      data-testid="error"
      data-reason={reason}
      data-card={maskCardForScreen(display.cardId)}
    >
      <div className="problem__head">
        <Icon name="alert" className="problem__icon" />
        <h2 className="problem__title">{t.errors.title}</h2>
        <span className="problem__card">{maskCardForScreen(display.cardId)}</span>
      </div>
      <p className="problem__message" data-testid="error-message">
        {errorSentence(t, display)}
      </p>
      {retriable && (
        <button type="button" className="btn btn--primary problem__retry" onClick={onRetry}>
          {t.errors.retry}
        </button>
      )}
      <SupportDetails t={t} display={display} />
      <footer className="result__footer">
        <IdleCountdown />
      </footer>
    </div>
  );
}

/**
 * The CRM refused because of the card itself (frozen, lost, expired…): the card's state, shown
 * like a closed account — what the card is and what to do with the customer — not a fault.
 */
export function CardStateView({
  t,
  display,
}: {
  t: Dictionary;
  display: Extract<Display, { kind: 'error' }>;
}) {
  const { outcome } = display;
  const { title, action } = cardStateText(t, outcome);
  // A recognised state has its own sentence; the CRM's words (often "contact the store", which
  // the cashier is) stay in the support details. Unrecognised, they are the best description.
  const crmText = outcome.cardState === 'other' ? outcome.detail.text?.trim() : undefined;
  return (
    <div
      className="card-state"
      data-testid="card-state"
      data-state={outcome.cardState ?? 'other'}
      data-card={maskCardForScreen(display.cardId)}
    >
      <div className="card-state__banner">
        <Icon name="closed" className="card-state__icon" />
        <h2 className="card-state__title">{title}</h2>
        <span className="card-state__card">{maskCardForScreen(display.cardId)}</span>
      </div>
      <p className="card-state__action" data-testid="card-state-action">
        {action}
      </p>
      {crmText !== undefined && crmText !== '' && (
        <p className="card-state__crm">{t.cardState.crmSays(crmText)}</p>
      )}
      <SupportDetails t={t} display={display} />
      <footer className="result__footer">
        <IdleCountdown />
      </footer>
    </div>
  );
}
