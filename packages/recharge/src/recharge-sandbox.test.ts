import { TopApiError, TopClient, type TopClientOptions } from '@balance-desk/top-client';
import {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_CARDS,
  DEMO_OUT_BRAND_ID,
  DEMO_OUT_SHOP_ID,
  DEMO_SHOP_ID,
  FAULT_CARDS,
  type RunningSandbox,
  startSandbox,
} from '@balance-desk/top-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRechargeAccount } from './get-account';
import type { RechargeAccount, RechargeAccountQuery } from './query-types';
import { RechargeBizError, RechargeNotFoundError } from './errors';

/*
 * End to end over loopback: the real TopClient (signing, HTTP, envelope parsing) against the real
 * sandbox gateway, in every response shape TOP has (docs/TOP-PROTOCOL.md §3): simplified JSON (lists as
 * arrays), standard JSON (`_response` wrapper, lists as `{recharge_account_open_info: [...]}`) and
 * XML (all leaves strings, repeated elements).
 */
const SHAPES: [string, Pick<TopClientOptions, 'format' | 'simplify' | 'signMethod'>][] = [
  ['simplified json', { format: 'json' }],
  ['standard json', { format: 'json', simplify: false, signMethod: 'hmac' }],
  ['xml', { format: 'xml', signMethod: 'md5' }],
];

const inDemoShop = { brandId: DEMO_BRAND_ID, shopId: DEMO_SHOP_ID };
const card = (name: string): RechargeAccountQuery => ({ cardId: DEMO_CARDS[name] ?? name, ...inDemoShop });

let sandbox: RunningSandbox;
const clients: TopClient[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  for (const client of clients) client.close();
  await sandbox.close();
});

describe.each(SHAPES)('recharge lookup against the sandbox, %s', (_name, shape) => {
  let client: TopClient;
  beforeAll(() => {
    client = new TopClient({
      appKey: DEMO_APP_KEY,
      appSecret: DEMO_APP_SECRET,
      gatewayUrl: sandbox.url,
      timeoutMs: 5000,
      ...shape,
    });
    clients.push(client);
  });

  const seed: RechargeAccount = {
    accountId: 'RA-0001',
    cardId: '111950000052400125',
    customerId: 'C-0001',
    optPlanId: 'PLAN-STD',
    deleted: false,
    usable: 4000,
    real: 3000,
    realTotal: 5000,
    gift: 2000,
    giftTotal: 3000,
    preStored: 200,
    preStoredTotal: 1000,
    createdAt: new Date('2019-08-01T07:31:21Z'),
    modifiedAt: new Date('2024-05-20T02:12:00Z'),
  };

  it("seed card: exactly the seed balances, with the gateway's request id", async () => {
    const { accounts, requestId } = await getRechargeAccount(client, card('seed'));
    expect(accounts).toEqual([seed]);
    expect(requestId).toMatch(/\S/);
  });

  it('seed by full-width card digits, by account id, and by out brand/shop ids', async () => {
    const fullWidth = [...'111950000052400125']
      .map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
      .join('');
    const accountsOf = async (query: Parameters<typeof getRechargeAccount>[1]) =>
      (await getRechargeAccount(client, query)).accounts;
    expect(await accountsOf({ cardId: `\u3000${fullWidth}\u3000`, ...inDemoShop })).toEqual([seed]);
    expect(await accountsOf({ accountId: 'RA-0001', ...inDemoShop })).toEqual([seed]);
    expect(
      await accountsOf({ cardId: seed.cardId, outBrandId: DEMO_OUT_BRAND_ID, outShopId: DEMO_OUT_SHOP_ID }),
    ).toEqual([seed]);
  });

  it('twoAccounts card: two accounts', async () => {
    const { accounts } = await getRechargeAccount(client, card('twoAccounts'));
    expect(accounts.map((a) => [a.accountId, a.optPlanId, a.usable])).toEqual([
      ['RA-0606-1', 'PLAN-STD', 2500],
      ['RA-0606-2', 'PLAN-GIFT', 600],
    ]);
  });

  it('customer query: multiA and multiB', async () => {
    const { accounts } = await getRechargeAccount(client, { customerId: 'C-0600', ...inDemoShop });
    expect(accounts.map((a) => [a.cardId, a.customerId, a.usable])).toEqual([
      [DEMO_CARDS.multiA, 'C-0600', 1000],
      [DEMO_CARDS.multiB, 'C-0600', 800],
    ]);
  });

  it.each([
    ['an unknown card', '111950000099999999'],
    ['a card of another shop', 'otherShop'],
  ])('%s: RechargeNotFoundError with the request id', async (_what, name) => {
    const error = await getRechargeAccount(client, card(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RechargeNotFoundError);
    expect((error as RechargeNotFoundError).requestId).toMatch(/\S/);
  });

  it('bizError card: RechargeBizError with the result_view', async () => {
    const error = await getRechargeAccount(client, card(FAULT_CARDS.bizError)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RechargeBizError);
    expect(error).toMatchObject({
      resultCode: 'CARD_FROZEN',
      resultDesc: '卡已冻结',
      resultView: '该卡已冻结，请联系门店',
    });
    expect((error as RechargeBizError).requestId).toMatch(/\S/);
  });

  it('deleted card: deleted, balances still exact', async () => {
    const [account] = (await getRechargeAccount(client, card('deleted'))).accounts;
    expect(account).toMatchObject({ accountId: 'RA-0003', deleted: true, usable: 1500 });
  });

  it('large card: exact integers beyond 10^12', async () => {
    const [account] = (await getRechargeAccount(client, card('large'))).accounts;
    expect(account).toMatchObject({
      usable: 1_234_567_890_123,
      real: 1_000_000_000_000,
      realTotal: 2_000_000_000_000,
      gift: 234_567_890_123,
      giftTotal: 334_567_890_123,
    });
    for (const key of [
      'usable',
      'real',
      'realTotal',
      'gift',
      'giftTotal',
      'preStored',
      'preStoredTotal',
    ] as const) {
      expect(Number.isSafeInteger(account?.[key])).toBe(true);
    }
  });

  it('TOP errors pass through as the client raised them', async () => {
    const error = await getRechargeAccount(client, card(FAULT_CARDS.rateLimited)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopApiError);
    expect(error).toMatchObject({ code: 7 });
  });
});
