import {
  type TopCallOptions,
  type TopExecutor,
  type TopParamValue,
  TopApiError,
  type TopResponse,
} from '@balance-desk/top-client';
import { describe, expect, it } from 'vitest';
import { RechargeNotFoundError, RechargeQueryError } from './errors';
import { getRechargeAccount } from './get-account';
import { RECHARGE_ACCOUNT_GET, type RechargeAccountQuery } from './query-types';

interface Call {
  method: string;
  params: Record<string, TopParamValue>;
  options: TopCallOptions | undefined;
}

/**
 * A TopExecutor answering from a function: the recharge package's whole contract with the client
 * is this one method (the real TopClient over a real gateway is covered in recharge-sandbox.test.ts).
 */
function executor(answer: () => TopResponse | Promise<TopResponse>): TopExecutor & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async execute(method, params, options) {
      calls.push({ method, params, options });
      return answer();
    },
  };
}

const QUERY: RechargeAccountQuery = {
  cardId: '111950000052400125',
  brandId: '3724809629',
  shopId: '3724809631',
};
const ACCOUNT = { account_id: 'RA-1', card_id: '111950000052400125', usable_value: 10 };

describe('getRechargeAccount', () => {
  it('calls the method once with the serialized parameter and parses the answer', async () => {
    const client = executor(() => ({
      body: { result: { biz_success: true, result: ACCOUNT } },
      requestId: 'r1',
    }));
    const { accounts, requestId } = await getRechargeAccount(client, QUERY);
    expect(requestId).toBe('r1');
    expect(accounts).toEqual([
      {
        accountId: 'RA-1',
        cardId: '111950000052400125',
        deleted: false,
        usable: 10,
        real: 0,
        realTotal: 0,
        gift: 0,
        giftTotal: 0,
        preStored: 0,
        preStoredTotal: 0,
      },
    ]);
    expect(client.calls).toEqual([
      {
        method: RECHARGE_ACCOUNT_GET,
        params: {
          param_query_recharge_account_open_req:
            '{"brand_id":"3724809629","shop_id":"3724809631","card_id":"111950000052400125"}',
        },
        options: {},
      },
    ]);
  });

  it('forwards the abort signal and the timeout', async () => {
    const client = executor(() => ({
      body: { result: { biz_success: true, result: ACCOUNT } },
      requestId: undefined,
    }));
    const controller = new AbortController();
    const answer = await getRechargeAccount(client, QUERY, { signal: controller.signal, timeoutMs: 250 });
    expect(answer.requestId).toBeUndefined();
    expect(client.calls[0]?.options).toEqual({ signal: controller.signal, timeoutMs: 250 });
  });

  it('sends the normalized card (full-width digits, ideographic spaces)', async () => {
    const client = executor(() => ({
      body: { result: { biz_success: true, result: ACCOUNT } },
      requestId: undefined,
    }));
    await getRechargeAccount(client, { ...QUERY, cardId: '\u3000１２３\u3000' });
    expect(client.calls[0]?.params).toEqual({
      param_query_recharge_account_open_req:
        '{"brand_id":"3724809629","shop_id":"3724809631","card_id":"123"}',
    });
  });

  it('rejects an invalid query with RechargeQueryError before any call', async () => {
    const client = executor(() => ({ body: {}, requestId: undefined }));
    const bad = { cardId: '12 AB', brandId: '', shopId: '1' } as unknown as RechargeAccountQuery;
    const error = await getRechargeAccount(client, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RechargeQueryError);
    expect((error as RechargeQueryError).issues.map((i) => i.code)).toEqual([
      'missing-brand',
      'card-invalid-chars',
    ]);
    expect((error as Error).message).not.toContain('12 AB');
    expect(client.calls).toHaveLength(0);
  });

  it('passes TOP errors through unchanged', async () => {
    const topError = new TopApiError({ code: 7, msg: 'App Call Limited', requestId: 'r7' });
    const client = executor(() => Promise.reject(topError));
    await expect(getRechargeAccount(client, QUERY)).rejects.toBe(topError);
  });

  it('uses the response request id for not-found', async () => {
    const client = executor(() => ({
      body: { result: { biz_success: true, result_code: '0' } },
      requestId: 'r404',
    }));
    const error = await getRechargeAccount(client, QUERY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RechargeNotFoundError);
    expect(error).toMatchObject({ requestId: 'r404' });
  });
});
