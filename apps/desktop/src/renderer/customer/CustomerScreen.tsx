import type { CustomerDisplayApi, CustomerView } from '@balance-desk/contract';
import { useEffect, useState } from 'react';

/** Before the first view arrives (or with no API at all): an empty, calm screen, never an error. */
const BLANK: CustomerView = { kind: 'rest', locale: 'zh-CN', storeName: '', welcome: '' };

/**
 * The customer-facing display: whatever main built, shown as is. It has no buttons and takes no
 * input (its window is not focusable); every word arrives already in the customer's language.
 */
export function CustomerScreen({ api }: { api: CustomerDisplayApi | undefined }) {
  const [view, setView] = useState<CustomerView>(BLANK);
  useEffect(() => api?.onCustomerView(setView), [api]);
  useEffect(() => {
    document.documentElement.lang = view.locale;
  }, [view.locale]);

  return (
    <main className={`customer customer--${view.kind}`} data-view={view.kind} aria-live="polite">
      {view.storeName !== '' && <p className="customer-store">{view.storeName}</p>}
      {view.kind === 'rest' && <p className="customer-welcome">{view.welcome}</p>}
      {view.kind === 'error' && <p className="customer-line">{view.line}</p>}
      {view.kind === 'balance' && (
        <section className={`customer-balance${view.accounts.length > 1 ? ' customer-balance--many' : ''}`}>
          <p className="customer-card">
            <span className="customer-label">{view.cardLabel}</span>{' '}
            <span data-testid="customer-card">{view.card}</span>
          </p>
          {view.accounts.map((account, index) => (
            <div
              className={`customer-account${account.closed ? ' customer-account--closed' : ''}`}
              key={index}
            >
              <p className="customer-label">{account.closed ? account.stateText : account.usableLabel}</p>
              <p className="customer-usable" data-testid="customer-usable">
                {account.usable}
              </p>
              {account.parts.length > 0 && (
                <dl className="customer-parts">
                  {account.parts.map((part) => (
                    <div key={part.label}>
                      <dt>{part.label}</dt>
                      <dd>{part.amount}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </div>
          ))}
        </section>
      )}
    </main>
  );
}
