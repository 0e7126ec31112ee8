import { describe, expect, it } from 'vitest';
import { LOOKUP_ERROR_REASONS } from '@balance-desk/contract';
import { buildCustomerView } from './customer-view';
import { account, FULL_CARD, okOutcome } from './test-support/fixtures';

const zh = { storeName: '杭州西湖店', locale: 'zh-CN', showParts: false } as const;

describe('buildCustomerView', () => {
  it('rests with the store name and a welcome line', () => {
    expect(buildCustomerView(null, zh)).toEqual({
      kind: 'rest',
      locale: 'zh-CN',
      storeName: '杭州西湖店',
      welcome: '欢迎光临',
    });
    expect(
      buildCustomerView({ kind: 'cancelled', cardId: FULL_CARD }, { ...zh, locale: 'en' }),
    ).toMatchObject({
      kind: 'rest',
      welcome: 'Welcome',
    });
  });

  it('shows the masked card and the usable balance, parts only when asked', () => {
    const view = buildCustomerView(okOutcome(), zh);
    expect(view).toEqual({
      kind: 'balance',
      locale: 'zh-CN',
      storeName: '杭州西湖店',
      cardLabel: '卡号',
      card: '****0125',
      accounts: [
        { usableLabel: '可用余额', usable: '¥1,234.56', closed: false, stateText: '正常', parts: [] },
      ],
    });
    const withParts = buildCustomerView(okOutcome(), { ...zh, locale: 'en', showParts: true });
    expect(withParts.kind === 'balance' && withParts.accounts[0]?.parts).toEqual([
      { label: 'Real', amount: '¥1,000.00' },
      { label: 'Gift', amount: '¥234.56' },
      { label: 'Pre-stored', amount: '¥0.00' },
    ]);
  });

  it('says a closed account is closed', () => {
    const view = buildCustomerView(okOutcome([account({ deleted: true })]), zh);
    expect(view.kind === 'balance' && view.accounts[0]).toMatchObject({
      closed: true,
      stateText: '账户已注销，余额不可使用',
    });
  });

  it('shows one neutral line for every error, never a code or reason', () => {
    for (const reason of LOOKUP_ERROR_REASONS) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const view = buildCustomerView(
          {
            kind: 'error',
            cardId: FULL_CARD,
            reason,
            retriable: true,
            detail: { code: 15, subCode: 'isv.card-frozen', requestId: 'req-1', text: '卡已冻结' },
            latencyMs: 1,
            at: '2026-11-29T13:15:31.000Z',
          },
          { ...zh, locale },
        );
        expect(view).toEqual({
          kind: 'error',
          locale,
          storeName: '杭州西湖店',
          line: locale === 'en' ? 'Please see the cashier' : '请稍候',
        });
      }
    }
  });

  it('falls back to the neutral line rather than show a wrong amount', () => {
    expect(buildCustomerView(okOutcome([account({ usable: 1.5 })]), zh).kind).toBe('error');
  });
});
