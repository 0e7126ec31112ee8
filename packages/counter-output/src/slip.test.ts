import { describe, expect, it } from 'vitest';
import { buildBalanceSlip, buildTestSlip, type BalanceSlip } from './slip';
import { account, context, okOutcome } from './test-support/fixtures';

function slipOf(build: ReturnType<typeof buildBalanceSlip>): BalanceSlip {
  if (build.kind !== 'slip') throw new Error(`refused: ${build.reason}`);
  return build.slip;
}

describe('buildBalanceSlip', () => {
  it('carries store, shop, terminal, local time, title, notice, masked card, balances and request id', () => {
    const slip = slipOf(buildBalanceSlip(okOutcome(), context()));
    expect(slip.storeName).toBe('杭州西湖店');
    expect(slip.shop).toEqual({ label: '门店', value: 'SHOP-001' });
    expect(slip.terminal).toEqual({ label: '终端', value: 'POS-1' });
    // 13:15:31 UTC is 21:15:31 in Shanghai.
    expect(slip.time).toEqual({ label: '时间', value: '2026-11-29 21:15:31' });
    expect(slip.title).toBe('余额查询');
    expect(slip.notice).toBe('非消费凭证');
    expect(slip.card).toEqual({ label: '卡号', value: '****0125' });
    expect(slip.reference).toEqual({ label: '参考号', value: 'req-7f3a9c' });
    const [first] = slip.accounts;
    expect(first?.state).toBe('active');
    expect(first?.usable).toEqual({ fen: 123_456n, text: '￥1,234.56' });
    expect(first?.parts.map((p) => [p.label, p.amount.text, p.total.text])).toEqual([
      ['实储', '￥1,000.00', '￥2,000.00'],
      ['赠储', '￥234.56', '￥300.00'],
      ['预储', '￥0.00', '￥50.00'],
    ]);
  });

  it('speaks English when the app does', () => {
    const slip = slipOf(buildBalanceSlip(okOutcome(), context({ locale: 'en', timeZone: 'Europe/London' })));
    expect(slip.title).toBe('BALANCE INQUIRY');
    expect(slip.notice).toBe('Not a receipt of payment');
    expect(slip.time.value).toBe('2026-11-29 13:15:31');
    expect(slip.accounts[0]?.parts.map((p) => p.label)).toEqual(['Real', 'Gift', 'Pre-stored']);
  });

  it('says so for a deleted account', () => {
    const slip = slipOf(
      buildBalanceSlip(okOutcome([account(), account({ accountId: 'acc-2', deleted: true })]), context()),
    );
    expect(slip.accounts.map((a) => [a.index, a.state, a.stateText, a.note])).toEqual([
      [1, 'active', '正常', null],
      [2, 'deleted', '已注销', '账户已注销，余额不可使用'],
    ]);
  });

  it('reads amounts in yuan as whole yuan', () => {
    const slip = slipOf(
      buildBalanceSlip(okOutcome([account({ usable: 12 })], { amountUnit: 'yuan' }), context()),
    );
    expect(slip.accounts[0]?.usable).toEqual({ fen: 1200n, text: '￥12.00' });
  });

  it('refuses an outcome without balances', () => {
    const error = buildBalanceSlip(
      {
        kind: 'error',
        cardId: '6222020012345670125',
        reason: 'rejected',
        retriable: false,
        detail: { text: '卡已冻结' },
        latencyMs: 3,
        at: '2026-11-29T13:15:31.000Z',
      },
      context(),
    );
    expect(error).toMatchObject({ kind: 'refused', reason: 'no-balances' });
    expect(buildBalanceSlip({ kind: 'cancelled', cardId: '1' }, context())).toMatchObject({
      kind: 'refused',
      reason: 'no-balances',
    });
  });

  it('refuses rather than print a wrong amount or a wrong time', () => {
    expect(buildBalanceSlip(okOutcome([account({ gift: 0.5 })]), context())).toMatchObject({
      kind: 'refused',
      reason: 'invalid-amount',
    });
    expect(buildBalanceSlip(okOutcome(), context({ timeZone: 'Mars/Olympus' }))).toMatchObject({
      kind: 'refused',
      reason: 'invalid-context',
    });
    expect(buildBalanceSlip(okOutcome(), context({ now: new Date(Number.NaN) }))).toMatchObject({
      kind: 'refused',
      reason: 'invalid-context',
    });
  });

  it('strips control characters that would be printer commands', () => {
    const slip = slipOf(
      buildBalanceSlip(
        okOutcome([account()], { requestId: 'r\u001dV\u0000' }),
        context({ storeName: 'A\u001bd\u0009B\nC' }),
      ),
    );
    expect(slip.storeName).toBe('A d B C');
    expect(slip.reference?.value).toBe('r V');
  });

  it('leaves out an empty request id', () => {
    const outcome = okOutcome();
    if (outcome.kind === 'ok') delete outcome.requestId;
    expect(slipOf(buildBalanceSlip(outcome, context())).reference).toBeNull();
  });

  it('makes a test slip that says it is a test', () => {
    const zh = slipOf(buildTestSlip(context()));
    expect(zh.title).toBe('测试打印 · 余额查询');
    expect(zh.card.value).toBe('****0000');
    expect(zh.storeName).toBe('杭州西湖店');
    expect(slipOf(buildTestSlip(context({ locale: 'en' }))).title).toBe('TEST PRINT · BALANCE INQUIRY');
  });
});
