import type { AccountView, AmountUnit, Locale } from '@balance-desk/contract';
import type { Dictionary } from '../../i18n';
import { maskCardForScreen } from '@balance-desk/contract/model';
import { formatMoney } from '../../lib/money';
import { formatStamp } from '../../lib/time';
import { Icon } from '../../ui/Icon';
import { amountSizeClass, hasLongAmounts, partSizeClass } from './present';

interface Props {
  account: AccountView;
  unit: AmountUnit;
  locale: Locale;
  t: Dictionary;
  compact: boolean;
}

/**
 * An amount of a closed account: struck through on screen, and to a screen reader (which does
 * not announce strike-through) "closed, not usable" instead of a figure it would read as money.
 */
function Void({ amount, t }: { amount: string; t: Dictionary }) {
  return (
    <>
      <s aria-hidden="true">{amount}</s>
      <span className="sr-only">{t.result.voidAmount}</span>
    </>
  );
}

/** One account, complete: usable (largest), real / gift / pre-stored with totals, card, state, last change. */
export function AccountCard({ account, unit, locale, t, compact }: Props) {
  const money = (amount: number) => formatMoney(amount, unit, locale);
  const usable = money(account.usable);
  const closed = account.deleted;
  const parts = [
    { key: 'real', label: t.result.real, amount: account.real, total: account.realTotal },
    { key: 'gift', label: t.result.gift, amount: account.gift, total: account.giftTotal },
    { key: 'pre', label: t.result.preStored, amount: account.preStored, total: account.preStoredTotal },
  ];
  const long = hasLongAmounts(parts.flatMap((p) => [money(p.amount), money(p.total)]));
  const classes = [
    'account',
    closed ? 'account--closed' : 'account--active',
    compact ? 'account--compact' : '',
    long ? 'account--long' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <article className={classes} data-testid="account" data-deleted={closed ? 'true' : 'false'}>
      {closed && (
        <div className="account__closed-banner" data-testid="closed-banner">
          <Icon name="closed" />
          <span>{t.result.closedBanner}</span>
        </div>
      )}
      <div className="account__usable-label">{t.result.usable}</div>
      <div
        // Nothing to spend is not shown in the success green of a real balance.
        className={`account__usable ${closed ? 'amount--void' : amountSizeClass(usable)}${!closed && account.usable === 0 ? ' amount--zero' : ''}`}
        data-testid="usable"
      >
        {closed ? <Void amount={usable} t={t} /> : usable}
      </div>
      <dl className="account__parts">
        {parts.map((p) => (
          <div key={p.key} className="part" data-testid={`part-${p.key}`}>
            <dt className="part__label">{p.label}</dt>
            <dd className={partSizeClass(money(p.amount))}>
              {closed ? <Void amount={money(p.amount)} t={t} /> : money(p.amount)}
            </dd>
            <dd className="part__total">
              {closed ? (
                <Void amount={t.result.total(money(p.total))} t={t} />
              ) : (
                t.result.total(money(p.total))
              )}
            </dd>
          </div>
        ))}
      </dl>
      <dl className="account__meta">
        <div>
          <dt>{t.result.card}</dt>
          <dd data-testid="masked-card">{maskCardForScreen(account.cardId)}</dd>
        </div>
        <div>
          <dt>{t.result.state}</dt>
          <dd className={closed ? 'state state--closed' : 'state state--active'}>
            {closed ? t.result.closed : t.result.active}
          </dd>
        </div>
        <div>
          <dt>{t.result.modifiedAt}</dt>
          <dd>{formatStamp(account.modifiedAt, locale)}</dd>
        </div>
        {compact && (
          <div>
            <dt>{t.result.account}</dt>
            <dd>{account.accountId}</dd>
          </div>
        )}
      </dl>
    </article>
  );
}
