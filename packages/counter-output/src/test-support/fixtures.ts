import type { AccountView, LookupOutcome } from '@balance-desk/contract';
import type { SlipContext } from '../slip';

/** A realistic 19-digit card number; tests prove it never leaves the package whole. */
export const FULL_CARD = '6222020012345670125';

export function account(overrides: Partial<AccountView> = {}): AccountView {
  return {
    accountId: 'acc-1',
    cardId: FULL_CARD,
    deleted: false,
    usable: 123_456,
    real: 100_000,
    realTotal: 200_000,
    gift: 23_456,
    giftTotal: 30_000,
    preStored: 0,
    preStoredTotal: 5_000,
    ...overrides,
  };
}

export function okOutcome(
  accounts: AccountView[] = [account()],
  extra: Partial<Extract<LookupOutcome, { kind: 'ok' }>> = {},
): LookupOutcome {
  return {
    kind: 'ok',
    cardId: FULL_CARD,
    accounts,
    amountUnit: 'fen',
    requestId: 'req-7f3a9c',
    latencyMs: 42,
    at: '2026-11-29T13:15:31.000Z',
    ...extra,
  };
}

export function context(overrides: Partial<SlipContext> = {}): SlipContext {
  return {
    storeName: '杭州西湖店',
    shopId: 'SHOP-001',
    terminalName: 'POS-1',
    locale: 'zh-CN',
    now: new Date('2026-11-29T13:15:31.000Z'),
    timeZone: 'Asia/Shanghai',
    ...overrides,
  };
}
