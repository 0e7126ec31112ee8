import { describe, expect, it } from 'vitest';
import { RechargeBizError, RechargeNotFoundError, RechargeResponseError } from './errors';
import { parseRechargeResponse } from './parse';

/** The seed account of the sandbox data set, as simplified JSON sends it. */
const seed = {
  account_id: 'RA-0001',
  card_id: '111950000052400125',
  customer_id: 'C-0001',
  opt_plan_id: 'P-1',
  deleted: false,
  usable_value: 4000,
  real_value: 3000,
  real_value_total: 5000,
  gift_value: 2000,
  gift_value_total: 3000,
  pre_value: 200,
  pre_value_total: 1000,
  gmt_create: '2019-08-01 15:31:21',
  gmt_modified: '2024-05-20 10:12:00',
};

const seedAccount = {
  accountId: 'RA-0001',
  cardId: '111950000052400125',
  customerId: 'C-0001',
  optPlanId: 'P-1',
  deleted: false,
  usable: 4000,
  real: 3000,
  realTotal: 5000,
  gift: 2000,
  giftTotal: 3000,
  preStored: 200,
  preStoredTotal: 1000,
  createdAt: new Date('2019-08-01T07:31:21Z'), // GMT+8 → UTC
  modifiedAt: new Date('2024-05-20T02:12:00Z'),
};

const ok = (payload: unknown) => ({
  result: { biz_success: true, result_code: '0', result_desc: '成功', result_view: '', result: payload },
});

/** Every leaf a string, as XML parsing leaves it (TopResponse.body doc). */
const xmlSeed = Object.fromEntries(Object.entries(seed).map(([k, v]) => [k, String(v)]));

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('parseRechargeResponse: shapes (docs/TOP-PROTOCOL.md §3/§5)', () => {
  it('maps one account object to cashier names with GMT+8 dates', () => {
    expect(parseRechargeResponse(ok(seed), 'req-1')).toEqual([seedAccount]);
  });

  it('reads a plain array of accounts', () => {
    const second = { ...seed, account_id: 'RA-0002', usable_value: 1 };
    const accounts = parseRechargeResponse(ok([seed, second]));
    expect(accounts.map((a) => [a.accountId, a.usable])).toEqual([
      ['RA-0001', 4000],
      ['RA-0002', 1],
    ]);
  });

  it.each([
    ['a wrapped list', { recharge_account_open_info: [seed, { ...seed, account_id: 'RA-0002' }] }, 2],
    ['a wrapped single object (one repeated XML element)', { recharge_account_open_info: seed }, 1],
    ['a doubly wrapped list {list:{item:[…]}}', { list: { item: [seed] } }, 1],
  ])('unwraps %s', (_name, payload, count) => {
    const accounts = parseRechargeResponse(ok(payload));
    expect(accounts).toHaveLength(count);
    expect(accounts[0]).toEqual(seedAccount);
  });

  it('reads XML-string leaves: biz_success, amounts and flags as text', () => {
    const body = {
      result: {
        biz_success: 'true',
        result_code: '0',
        result: { recharge_account_open_info: [xmlSeed, { ...xmlSeed, deleted: 'true' }] },
      },
    };
    const accounts = parseRechargeResponse(body);
    expect(accounts[0]).toEqual(seedAccount);
    expect(accounts[1]?.deleted).toBe(true);
  });

  it('accepts a body that already is the CommonResult', () => {
    expect(parseRechargeResponse(ok(seed).result)).toEqual([seedAccount]);
  });

  it('takes the request id from the argument, else from the body', () => {
    const body = { ...ok(null), request_id: 'from-body' };
    expect(thrown(() => parseRechargeResponse(body, 'from-arg'))).toMatchObject({ requestId: 'from-arg' });
    expect(thrown(() => parseRechargeResponse(body))).toMatchObject({ requestId: 'from-body' });
  });

  it('keeps optional fields absent rather than empty', () => {
    const { customer_id: _c, opt_plan_id: _o, gmt_create: _g, ...bare } = seed;
    const [account] = parseRechargeResponse(ok({ ...bare, gmt_modified: 'yesterday' }));
    expect(account).not.toHaveProperty('customerId');
    expect(account).not.toHaveProperty('optPlanId');
    expect(account).not.toHaveProperty('createdAt'); // missing
    expect(account).not.toHaveProperty('modifiedAt'); // malformed dates are dropped, the balance stays
  });

  it('turns numeric JSON ids into strings', () => {
    const [account] = parseRechargeResponse(ok({ ...seed, account_id: 123, customer_id: 0 }));
    expect(account).toMatchObject({ accountId: '123', customerId: '0' });
  });
});

describe('parseRechargeResponse: amounts', () => {
  const usable = (value: unknown) => parseRechargeResponse(ok({ ...seed, usable_value: value }))[0]?.usable;

  it.each([
    [4000, 4000],
    ['4000', 4000],
    [' 4000 ', 4000],
    [0, 0],
    [-0, 0],
    ['-0', 0],
    [-150, -150], // negative balances are shown, not hidden
    ['-150', -150],
    ['007', 7],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    ['9007199254740991', 9007199254740991],
    ['-9007199254740991', -9007199254740991],
    [1234567890123, 1234567890123],
  ])('accepts %j as %d', (value, expected) => {
    const result = usable(value);
    expect(result).toBe(expected);
    expect(Object.is(result, -0)).toBe(false);
  });

  it.each([
    ['a fraction', 40.5],
    ['a decimal string', '40.5'],
    ['a decimal string with zero fraction', '4000.00'],
    ['exponent notation', '1e3'],
    ['a plus sign', '+5'],
    ['hex', '0x10'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['the text Infinity', 'Infinity'],
    ['2^53 as a number', 9007199254740992],
    ['2^53 as text', '9007199254740992'],
    ['a huge negative text', '-99999999999999999999'],
    ['a boolean', true],
    ['an object', { value: 1 }],
    ['an array', [1]],
    ['digits with an inner space', '40 00'],
  ])('rejects %s', (_name, value) => {
    const error = thrown(() => usable(value));
    expect(error).toBeInstanceOf(RechargeResponseError);
    expect(error).toMatchObject({ field: 'usable' });
  });

  it('requires usable_value: a missing balance is never shown as 0', () => {
    const { usable_value: _u, ...rest } = seed;
    for (const value of [undefined, null, '']) {
      const error = thrown(() => parseRechargeResponse(ok({ ...rest, usable_value: value }), 'r9'));
      expect(error).toBeInstanceOf(RechargeResponseError);
      expect(error).toMatchObject({ field: 'usable', requestId: 'r9' });
      expect((error as Error).message).toMatch(/usable \(usable_value\) is missing/);
    }
  });

  it('defaults the parts and totals to 0 when absent (null, missing or an empty XML element)', () => {
    const [account] = parseRechargeResponse(
      ok({
        account_id: 'A',
        card_id: 'C',
        usable_value: '5000',
        gift_value: '5000',
        real_value: null,
        pre_value: '',
      }),
    );
    expect(account).toEqual({
      accountId: 'A',
      cardId: 'C',
      deleted: false,
      usable: 5000,
      real: 0,
      realTotal: 0,
      gift: 5000,
      giftTotal: 0,
      preStored: 0,
      preStoredTotal: 0,
    });
  });

  it('names the account and field in a list', () => {
    const error = thrown(() => parseRechargeResponse(ok([seed, { ...seed, gift_value_total: '1.5' }])));
    expect(error).toMatchObject({ field: 'giftTotal' });
    expect((error as Error).message).toContain(
      'account 2 of 2: giftTotal (gift_value_total) is not an integer: "1.5"',
    );
  });
});

describe('parseRechargeResponse: flags and ids', () => {
  it.each([
    [true, true],
    [false, false],
    ['true', true],
    ['false', false],
    ['TRUE', true],
    [' false ', false],
    [undefined, false],
    [null, false],
  ])('reads deleted %j as %s', (value, expected) => {
    expect(parseRechargeResponse(ok({ ...seed, deleted: value }))[0]?.deleted).toBe(expected);
  });

  it.each([['yes'], [1], [0], [{}]])('rejects deleted %j', (value) => {
    expect(thrown(() => parseRechargeResponse(ok({ ...seed, deleted: value })))).toMatchObject({
      field: 'deleted',
    });
  });

  it.each([
    ['a missing account id', { account_id: undefined }, 'accountId'],
    ['an empty account id', { account_id: ' ' }, 'accountId'],
    ['an account id object', { account_id: { id: 1 } }, 'accountId'],
    ['an account id beyond 2^53 (digits already lost)', { account_id: 2 ** 60 }, 'accountId'],
    ['a negative numeric account id', { account_id: -1 }, 'accountId'],
    ['a missing card id', { card_id: null }, 'cardId'],
    ['a customer id array', { customer_id: ['C'] }, 'customerId'],
  ])('rejects %s', (_name, patch, field) => {
    const error = thrown(() => parseRechargeResponse(ok({ ...seed, ...patch })));
    expect(error).toBeInstanceOf(RechargeResponseError);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).not.toContain('111950000052400125');
  });
});

describe('parseRechargeResponse: business outcomes', () => {
  it('throws RechargeBizError with result_view when biz_success is false', () => {
    const body = {
      result: {
        biz_success: false,
        result_code: 'CARD_FROZEN',
        result_desc: '卡已冻结',
        result_view: '该卡已冻结，请联系门店',
      },
    };
    const error = thrown(() => parseRechargeResponse(body, 'req-7'));
    expect(error).toBeInstanceOf(RechargeBizError);
    expect(error).toMatchObject({
      resultCode: 'CARD_FROZEN',
      resultDesc: '卡已冻结',
      resultView: '该卡已冻结，请联系门店',
      requestId: 'req-7',
    });
    expect((error as Error).message).toBe('ALSC business error CARD_FROZEN: 卡已冻结 (request req-7)');
    expect((error as Error).name).toBe('RechargeBizError');
  });

  it('reads an XML biz error with a numeric code and a blank view', () => {
    const body = { result: { biz_success: 'false', result_code: 500, result_view: ' ', result: seed } };
    expect(thrown(() => parseRechargeResponse(body))).toMatchObject({
      resultCode: '500',
      resultDesc: undefined,
      resultView: undefined,
    });
  });

  it.each([
    ['no result.result', undefined],
    ['null', null],
    ['an empty XML element', ''],
    ['an empty array', []],
    ['an empty object', {}],
    ['an empty wrapped list', { recharge_account_open_info: [] }],
  ])('throws RechargeNotFoundError for %s', (_name, payload) => {
    const error = thrown(() => parseRechargeResponse(ok(payload), 'req-0'));
    expect(error).toBeInstanceOf(RechargeNotFoundError);
    expect(error).toMatchObject({ requestId: 'req-0' });
  });
});

describe('parseRechargeResponse: garbage', () => {
  it.each<[string, unknown]>([
    ['a body without result', { request_id: 'x' }],
    ['a result that is text', { result: 'true' }],
    ['a result without biz_success', { result: { result: seed } }],
    ['biz_success of 1', { result: { biz_success: 1, result: seed } }],
    ['biz_success of "yes"', { result: { biz_success: 'yes', result: seed } }],
    ['a payload that is text', ok('RA-0001')],
    ['a payload that is a number', ok(42)],
    ['a list of numbers', ok([1, 2])],
    ['a list of lists', ok([[seed]])],
    ['an object with unknown keys', ok({ foo: 1, bar: 2 })],
    ['a wrapper around text', ok({ item: 'x' })],
    ['wrappers nested too deep', ok({ a: { b: { c: { d: [seed] } } } })],
    ['a body that is not an object (run time)', 'oops'],
  ])('throws RechargeResponseError for %s', (_name, body) => {
    const error = thrown(() => parseRechargeResponse(body as Record<string, unknown>, 'req-g'));
    expect(error).toBeInstanceOf(RechargeResponseError);
    expect(error).toMatchObject({ requestId: 'req-g', name: 'RechargeResponseError' });
  });
});
