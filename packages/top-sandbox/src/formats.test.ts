import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTopTimestamp } from '@balance-desk/top-client';
import {
  DEMO_BRAND_ID,
  DEMO_CARDS,
  DEMO_OTHER_SHOP_ID,
  DEMO_OUT_BRAND_ID,
  DEMO_OUT_SHOP_ID,
  DEMO_SHOP_ID,
} from './demo-data';
import { LIST_ITEM, RESPONSE_ROOT } from './render';
import { startSandbox, type RunningSandbox } from './server';
import { postJson, raw, signedParams } from './test-support/helpers';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const SEED_WIRE = {
  account_id: 'RA-0001',
  card_id: '111950000052400125',
  customer_id: 'C-0001',
  opt_plan_id: 'PLAN-STD',
  deleted: false,
  gift_value: 2000,
  gift_value_total: 3000,
  pre_value: 200,
  pre_value_total: 1000,
  real_value: 3000,
  real_value_total: 5000,
  usable_value: 4000,
  gmt_create: '2019-08-01 15:31:21',
  gmt_modified: '2024-05-20 10:12:00',
};
const SUCCESS = { biz_success: true, result_code: '0', result_desc: '成功', result_view: '' };

interface Simple {
  result: typeof SUCCESS & { result?: unknown };
  request_id: string;
}

const query = (fields: Record<string, string>): Record<string, string> =>
  signedParams({ query: { brand_id: DEMO_BRAND_ID, shop_id: DEMO_SHOP_ID, ...fields } });

async function simple(fields: Record<string, string>): Promise<Simple> {
  return (await postJson(sandbox.url, query(fields))) as unknown as Simple;
}

describe('response formats', () => {
  it('json + simplify=true: the unwrapped root, request_id beside result', async () => {
    const res = await raw(sandbox.url, { body: signedParams() });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(res.headers['content-length']).toBe(String(res.body.length));
    const json = JSON.parse(res.text) as Simple;
    expect(json).toEqual({
      result: { ...SUCCESS, result: SEED_WIRE },
      request_id: expect.stringMatching(/^[0-9a-z]+$/) as unknown,
    });
  });

  it('json standard: the <method>_response wrapper, lists wrapped as {recharge_account_open_info:[…]}', async () => {
    const one = await postJson(sandbox.url, signedParams({ set: { simplify: undefined } }));
    expect(Object.keys(one)).toEqual([RESPONSE_ROOT]);
    expect(one[RESPONSE_ROOT]).toEqual({
      result: { ...SUCCESS, result: SEED_WIRE },
      request_id: expect.any(String) as unknown,
    });

    const two = await postJson(
      sandbox.url,
      signedParams({ cardId: DEMO_CARDS.twoAccounts, set: { simplify: 'false' } }),
    );
    const list = (two[RESPONSE_ROOT] as { result: { result: Record<string, { account_id: string }[]> } })
      .result.result;
    expect(Object.keys(list)).toEqual([LIST_ITEM]);
    expect(list[LIST_ITEM]?.map((a) => a.account_id)).toEqual(['RA-0606-1', 'RA-0606-2']);
  });

  it('xml when format is omitted or xml: the response root with request_id, lists as repeated elements', async () => {
    for (const format of [undefined, 'xml']) {
      const res = await raw(sandbox.url, { body: signedParams({ set: { format, simplify: undefined } }) });
      expect(res.headers['content-type']).toBe('text/xml;charset=UTF-8');
      expect(res.text).toMatch(
        new RegExp(
          `^<\\?xml version="1.0" encoding="utf-8" \\?><${RESPONSE_ROOT}><result><biz_success>true</biz_success>` +
            '<result_code>0</result_code><result_desc>成功</result_desc><result_view></result_view>' +
            '<result><account_id>RA-0001</account_id><card_id>111950000052400125</card_id>.*<usable_value>4000</usable_value>' +
            `.*</result></result><request_id>[0-9a-z]+</request_id></${RESPONSE_ROOT}>$`,
        ),
      );
    }
    const two = await raw(sandbox.url, {
      body: signedParams({ cardId: DEMO_CARDS.twoAccounts, set: { format: 'xml' } }),
    });
    expect(two.text.match(new RegExp(`<${LIST_ITEM}>`, 'g'))).toHaveLength(2);
    expect(two.text).toContain(`<result><${LIST_ITEM}><account_id>RA-0606-1</account_id>`);
  });

  it('simplify applies to json only: xml ignores it', async () => {
    const res = await raw(sandbox.url, { body: signedParams({ set: { format: 'xml', simplify: 'true' } }) });
    expect(res.text).toContain(`<${RESPONSE_ROOT}>`);
  });
});

describe('lookups in the demo data', () => {
  it('finds the seed card by card_id, account_id and customer_id', async () => {
    expect((await simple({ card_id: DEMO_CARDS.seed })).result.result).toEqual(SEED_WIRE);
    expect((await simple({ account_id: 'RA-0001' })).result.result).toEqual(SEED_WIRE);
    expect((await simple({ customer_id: 'C-0001' })).result.result).toEqual(SEED_WIRE);
    expect((await simple({ card_id: DEMO_CARDS.seed, account_id: 'RA-0001' })).result.result).toEqual(
      SEED_WIRE,
    );
  });

  it('an unknown card (or mismatching identifiers) is a success with no result.result', async () => {
    for (const fields of [{ card_id: '123456789' }, { card_id: DEMO_CARDS.seed, account_id: 'RA-0002' }]) {
      const json = await simple(fields);
      expect(json.result).toEqual(SUCCESS);
      expect('result' in json.result).toBe(false);
    }
  });

  it('a card of another shop is not found in the demo shop, but found in its own', async () => {
    expect((await simple({ card_id: DEMO_CARDS.otherShop })).result).toEqual(SUCCESS);
    const own = await simple({ card_id: DEMO_CARDS.otherShop, shop_id: DEMO_OTHER_SHOP_ID });
    expect(own.result.result).toMatchObject({ account_id: 'RA-0707', usable_value: 7000 });
  });

  it('resolves out_brand_id / out_shop_id, alone or together with the ids', async () => {
    const byOut = signedParams({
      query: { out_brand_id: DEMO_OUT_BRAND_ID, out_shop_id: DEMO_OUT_SHOP_ID, card_id: DEMO_CARDS.seed },
    });
    expect(((await postJson(sandbox.url, byOut)) as unknown as Simple).result.result).toEqual(SEED_WIRE);
    const both = await simple({
      out_brand_id: DEMO_OUT_BRAND_ID,
      out_shop_id: DEMO_OUT_SHOP_ID,
      card_id: DEMO_CARDS.seed,
    });
    expect(both.result.result).toEqual(SEED_WIRE);
  });

  it('an unknown brand or shop, or a shop of another brand, is a SHOP_NOT_FOUND business error', async () => {
    for (const fields of [
      { brand_id: '1' },
      { shop_id: '1' },
      { out_shop_id: 'NOPE' },
      { out_brand_id: 'NOPE' },
    ]) {
      const json = await simple({ card_id: DEMO_CARDS.seed, ...fields });
      expect(json.result).toMatchObject({ biz_success: false, result_code: 'SHOP_NOT_FOUND' });
      expect(json.result.result_view).not.toBe('');
    }
  });

  it('a customer_id query returns all its accounts as a list; a card with two accounts too', async () => {
    const customer = await simple({ customer_id: 'C-0600' });
    expect((customer.result.result as { card_id: string }[]).map((a) => a.card_id)).toEqual([
      DEMO_CARDS.multiA,
      DEMO_CARDS.multiB,
    ]);
    const card = await simple({ card_id: DEMO_CARDS.twoAccounts });
    expect(card.result.result).toHaveLength(2);
    const narrowed = await simple({ card_id: DEMO_CARDS.twoAccounts, account_id: 'RA-0606-2' });
    expect(narrowed.result.result).toMatchObject({ account_id: 'RA-0606-2', gift_value: 600 });
  });

  it('keeps the special demo cards as the spec says', async () => {
    expect((await simple({ card_id: DEMO_CARDS.zero })).result.result).toMatchObject({
      usable_value: 0,
      real_value: 0,
      gift_value: 0,
      pre_value: 0,
    });
    expect((await simple({ card_id: DEMO_CARDS.deleted })).result.result).toMatchObject({
      deleted: true,
      usable_value: 1500,
    });
    expect((await simple({ card_id: DEMO_CARDS.giftOnly })).result.result).toMatchObject({
      real_value: 0,
      gift_value: 5000,
      usable_value: 5000,
    });
    expect((await simple({ card_id: DEMO_CARDS.preOnly })).result.result).toMatchObject({
      real_value: 0,
      gift_value: 0,
      pre_value: 3000,
    });
    const recent = (await simple({ card_id: DEMO_CARDS.newAccount })).result.result as {
      gmt_modified: string;
    };
    const modified = parseTopTimestamp(recent.gmt_modified)?.getTime() ?? 0;
    expect(Math.abs(Date.now() - modified)).toBeLessThan(24 * 3_600_000);
  });

  it('sends large amounts as exact JSON integers (≥ 10^12)', async () => {
    const res = await raw(sandbox.url, { body: signedParams({ cardId: DEMO_CARDS.large }) });
    expect(res.text).toContain('"usable_value":1234567890123');
    expect(res.text).toContain('"real_value":1000000000000');
    const xml = await raw(sandbox.url, {
      body: signedParams({ cardId: DEMO_CARDS.large, set: { format: 'xml' } }),
    });
    expect(xml.text).toContain('<usable_value>1234567890123</usable_value>');
  });
});
