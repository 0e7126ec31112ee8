import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIZ_PARAM } from './protocol';
import {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_CARDS,
  DEMO_SHOP_ID,
  RECHARGE_ACCOUNT_GET,
} from './demo-data';
import { startSandbox, type RunningSandbox } from './server';

/*
 * A request signed by an implementation that shares no code with ours: the npm package
 * node-taobao-topclient (hahoocn/node-taobao-topclient on GitHub): md5 signing, `request` library POST/GET,
 * standard (unsimplified) JSON.
 */

interface TopClientInstance {
  execute(
    method: string,
    params: Record<string, unknown>,
    type?: 'GET' | 'POST',
  ): Promise<Record<string, unknown>>;
  sign(params: Record<string, string>): string;
}
type TopClientClass = new (options: {
  appkey: string;
  appsecret: string;
  REST_URL: string;
}) => TopClientInstance;

const require = createRequire(import.meta.url);
const TopClient = (require('node-taobao-topclient') as { default: TopClientClass }).default;

/*
 * That SDK formats `timestamp` from the machine's local clock (topUtil.YYYYMMDDHHmmss uses
 * getHours()), while the gateway reads it as GMT+8 (docs/TOP-PROTOCOL.md §2 "Timestamp pitfall"). The
 * sandbox clock is shifted by the same difference so the local wall clock is "now" in GMT+8.
 */
const LOCAL_VS_GMT8_MS = -new Date().getTimezoneOffset() * 60_000 - 8 * 3_600_000;

let sandbox: RunningSandbox;
let client: TopClientInstance;
beforeAll(async () => {
  sandbox = await startSandbox({ now: () => new Date(Date.now() + LOCAL_VS_GMT8_MS) });
  client = new TopClient({ appkey: DEMO_APP_KEY, appsecret: DEMO_APP_SECRET, REST_URL: sandbox.url });
});
afterAll(() => sandbox.close());

const query = { brand_id: DEMO_BRAND_ID, shop_id: DEMO_SHOP_ID, card_id: DEMO_CARDS.seed };

describe('node-taobao-topclient (independent md5 implementation)', () => {
  it.each(['POST', 'GET'] as const)(
    'is accepted over %s and gets the standard JSON wrapper',
    async (verb) => {
      const response = await client.execute(RECHARGE_ACCOUNT_GET, { [BIZ_PARAM]: query }, verb);
      expect(response).toMatchObject({
        result: {
          biz_success: true,
          result_code: '0',
          result: { account_id: 'RA-0001', card_id: DEMO_CARDS.seed, usable_value: 4000 },
        },
        request_id: expect.any(String) as unknown,
      });
    },
  );

  it('gets the list wrapper for a card with two accounts', async () => {
    const response = await client.execute(RECHARGE_ACCOUNT_GET, {
      [BIZ_PARAM]: { ...query, card_id: DEMO_CARDS.twoAccounts },
    });
    const list = (response as { result: { result: { recharge_account_open_info: unknown[] } } }).result
      .result;
    expect(list.recharge_account_open_info).toHaveLength(2);
  });

  it('is rejected with 25 when one parameter is changed after it signed', async () => {
    const tamperer = new TopClient({
      appkey: DEMO_APP_KEY,
      appsecret: DEMO_APP_SECRET,
      REST_URL: sandbox.url,
    });
    const sign = tamperer.sign.bind(tamperer);
    tamperer.sign = (params) => {
      const signature = sign(params); // the SDK's own signature over the original parameters…
      params[BIZ_PARAM] = JSON.stringify({ ...query, card_id: DEMO_CARDS.large }); // …then one value changes
      return signature;
    };
    await expect(tamperer.execute(RECHARGE_ACCOUNT_GET, { [BIZ_PARAM]: query })).rejects.toMatchObject({
      code: 25,
    });
  });

  it.skipIf(LOCAL_VS_GMT8_MS === 0)(
    'its local-time timestamp is refused (31) by a gateway on true GMT+8 time',
    async () => {
      const honest = await startSandbox();
      try {
        const sdk = new TopClient({ appkey: DEMO_APP_KEY, appsecret: DEMO_APP_SECRET, REST_URL: honest.url });
        await expect(sdk.execute(RECHARGE_ACCOUNT_GET, { [BIZ_PARAM]: query })).rejects.toMatchObject({
          code: 31,
        });
      } finally {
        await honest.close();
      }
    },
  );

  it('is rejected with 25 when signed with another secret', async () => {
    const wrong = new TopClient({ appkey: DEMO_APP_KEY, appsecret: 'not-the-secret', REST_URL: sandbox.url });
    await expect(wrong.execute(RECHARGE_ACCOUNT_GET, { [BIZ_PARAM]: query })).rejects.toMatchObject({
      code: 25,
    });
  });
});
