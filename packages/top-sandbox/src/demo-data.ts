import type { SandboxAccount, SandboxData } from './data';
import { formatGmt8 } from './gmt8';

/** Demo credentials: public on purpose (printed by the CLI, used by demo mode and tests). */
export const DEMO_APP_KEY = 'demo-app-key';
export const DEMO_APP_SECRET = 'demo-app-secret-do-not-use-in-production';
export const DEMO_BRAND_ID = '3724809629';
export const DEMO_SHOP_ID = '3724809631';
/** Out ids of the demo brand/shop, so `out_brand_id` / `out_shop_id` lookups can be exercised. */
export const DEMO_OUT_BRAND_ID = 'DEMO-BRAND';
export const DEMO_OUT_SHOP_ID = 'DEMO-SHOP-001';
/** A second shop of the demo brand; the `otherShop` card lives only there. */
export const DEMO_OTHER_SHOP_ID = '3724809999';

/** The demo method: the one API this gateway serves. */
export const RECHARGE_ACCOUNT_GET = 'alibaba.alsc.crm.recharge.account.get';

export type DemoCardName =
  | 'seed'
  | 'zero'
  | 'deleted'
  | 'giftOnly'
  | 'large'
  | 'multiA'
  | 'multiB'
  | 'twoAccounts'
  | 'otherShop'
  | 'preOnly'
  | 'newAccount';

/**
 * Demo card ids by name. Typed both ways: `DEMO_CARDS.seed` is a `string`, and it still is a
 * `Record<string, string>` for code that indexes it with a runtime name.
 */
export const DEMO_CARDS: Readonly<Record<DemoCardName, string>> & Readonly<Record<string, string>> = {
  seed: '111950000052400125',
  zero: '111950000052400200',
  deleted: '111950000052400301',
  giftOnly: '111950000052400402',
  large: '111950000052400503',
  multiA: '111950000052400604',
  multiB: '111950000052400605',
  twoAccounts: '111950000052400606',
  otherShop: '111950000052400707',
  preOnly: '111950000052400808',
  newAccount: '111950000052400909',
};

export type FaultName =
  | 'slow'
  | 'rateLimited'
  | 'serviceUnavailable'
  | 'permission'
  | 'invalidSession'
  | 'bizError'
  | 'http502'
  | 'http503'
  | 'html'
  | 'malformedJson'
  | 'truncatedJson'
  | 'oversized'
  | 'dropConnection'
  | 'neverEnds'
  | 'invalidParameter'
  | 'clockSkew';

/** Reserved card ids that trigger a fault in any shop (they never collide with data-set cards). */
export const FAULT_CARDS: Readonly<Record<FaultName, string>> = {
  slow: '9999000000000001',
  rateLimited: '9999000000000002',
  serviceUnavailable: '9999000000000003',
  permission: '9999000000000004',
  invalidSession: '9999000000000005',
  bizError: '9999000000000006',
  http502: '9999000000000007',
  http503: '9999000000000008',
  html: '9999000000000009',
  malformedJson: '9999000000000010',
  truncatedJson: '9999000000000011',
  oversized: '9999000000000012',
  dropConnection: '9999000000000013',
  neverEnds: '9999000000000014',
  invalidParameter: '9999000000000015',
  clockSkew: '9999000000000016',
};

export const FAULT_NAMES = Object.keys(FAULT_CARDS) as readonly FaultName[];

export function isFaultName(value: string): value is FaultName {
  return Object.hasOwn(FAULT_CARDS, value);
}

const zeroBalances = {
  real: 0,
  realTotal: 0,
  gift: 0,
  giftTotal: 0,
  preStored: 0,
  preStoredTotal: 0,
  usable: 0,
} as const;

function account(
  fields: Pick<SandboxAccount, 'accountId' | 'cardId'> & Partial<SandboxAccount>,
): SandboxAccount {
  return {
    shopId: DEMO_SHOP_ID,
    deleted: false,
    ...zeroBalances,
    createdAt: '2023-03-15 11:20:00',
    modifiedAt: '2024-05-20 10:12:00',
    ...fields,
  };
}

/** "Modified today-ish": ten minutes before this module loaded, in GMT+8 like every ALSC date. */
const recently = formatGmt8(new Date(Date.now() - 10 * 60_000));

/** Built-in demo data (amounts in fen). The card table is fixed: see README.md. */
export const DEFAULT_DATA: SandboxData = {
  brands: [{ brandId: DEMO_BRAND_ID, outBrandId: DEMO_OUT_BRAND_ID, name: '演示品牌' }],
  shops: [
    { shopId: DEMO_SHOP_ID, outShopId: DEMO_OUT_SHOP_ID, brandId: DEMO_BRAND_ID, name: '演示门店（静安店）' },
    {
      shopId: DEMO_OTHER_SHOP_ID,
      outShopId: 'DEMO-SHOP-002',
      brandId: DEMO_BRAND_ID,
      name: '演示门店（徐汇店）',
    },
  ],
  accounts: [
    account({
      accountId: 'RA-0001',
      cardId: DEMO_CARDS.seed,
      customerId: 'C-0001',
      optPlanId: 'PLAN-STD',
      usable: 4000,
      gift: 2000,
      giftTotal: 3000,
      preStored: 200,
      preStoredTotal: 1000,
      real: 3000,
      realTotal: 5000,
      createdAt: '2019-08-01 15:31:21',
      modifiedAt: '2024-05-20 10:12:00',
    }),
    account({ accountId: 'RA-0002', cardId: DEMO_CARDS.zero, customerId: 'C-0002' }),
    account({
      accountId: 'RA-0003',
      cardId: DEMO_CARDS.deleted,
      customerId: 'C-0003',
      deleted: true,
      usable: 1500,
      real: 1000,
      realTotal: 8000,
      gift: 500,
      giftTotal: 1200,
    }),
    account({
      accountId: 'RA-0004',
      cardId: DEMO_CARDS.giftOnly,
      customerId: 'C-0004',
      gift: 5000,
      giftTotal: 5000,
      usable: 5000,
    }),
    account({
      accountId: 'RA-0005',
      cardId: DEMO_CARDS.large,
      customerId: 'C-0005',
      usable: 1_234_567_890_123,
      real: 1_000_000_000_000,
      realTotal: 2_000_000_000_000,
      gift: 234_567_890_123,
      giftTotal: 334_567_890_123,
    }),
    account({
      accountId: 'RA-0601',
      cardId: DEMO_CARDS.multiA,
      customerId: 'C-0600',
      real: 1000,
      realTotal: 1000,
      usable: 1000,
    }),
    account({
      accountId: 'RA-0602',
      cardId: DEMO_CARDS.multiB,
      customerId: 'C-0600',
      gift: 800,
      giftTotal: 800,
      usable: 800,
    }),
    account({
      accountId: 'RA-0606-1',
      cardId: DEMO_CARDS.twoAccounts,
      customerId: 'C-0606',
      optPlanId: 'PLAN-STD',
      real: 2500,
      realTotal: 2500,
      usable: 2500,
    }),
    account({
      accountId: 'RA-0606-2',
      cardId: DEMO_CARDS.twoAccounts,
      customerId: 'C-0606',
      optPlanId: 'PLAN-GIFT',
      gift: 600,
      giftTotal: 900,
      usable: 600,
    }),
    account({
      accountId: 'RA-0707',
      cardId: DEMO_CARDS.otherShop,
      customerId: 'C-0707',
      shopId: DEMO_OTHER_SHOP_ID,
      real: 7000,
      realTotal: 7000,
      usable: 7000,
    }),
    account({
      accountId: 'RA-0008',
      cardId: DEMO_CARDS.preOnly,
      customerId: 'C-0008',
      preStored: 3000,
      preStoredTotal: 3000,
      usable: 3000,
    }),
    account({
      accountId: 'RA-0009',
      cardId: DEMO_CARDS.newAccount,
      customerId: 'C-0009',
      real: 100,
      realTotal: 100,
      gift: 10,
      giftTotal: 10,
      usable: 110,
      createdAt: recently,
      modifiedAt: recently,
    }),
  ],
};
