import { inspect } from 'node:util';
import {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_CARDS,
  DEMO_SHOP_ID,
  FAULT_CARDS,
  startSandbox,
  type FaultName,
  type RunningSandbox,
} from '@balance-desk/top-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_METHODS } from './sign';
import { TopAbortError, TopApiError, TopResponseError, TopTimeoutError, TopTransportError } from './errors';
import { TopClient } from './client';
import type { TopClientOptions, TopParamValue, TopResponse } from './types';

/** The real client against the real sandbox gateway (packages/top-sandbox), over loopback HTTP. */
const METHOD = 'alibaba.alsc.crm.recharge.account.get';
const SESSION_APP = {
  appKey: 'session-app',
  appSecret: 'session-app-secret-7f3a9c',
  requireSession: 'session-key-5d2e8b41',
};
const SLOW_MS = 250;

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    slowMs: SLOW_MS,
    apps: [{ appKey: DEMO_APP_KEY, appSecret: DEMO_APP_SECRET }, SESSION_APP],
  });
});
afterAll(() => sandbox.close());

const query = (cardId: string): Record<string, TopParamValue> => ({
  param_query_recharge_account_open_req: { brand_id: DEMO_BRAND_ID, shop_id: DEMO_SHOP_ID, card_id: cardId },
});

async function withClient<T>(
  options: Partial<TopClientOptions>,
  run: (client: TopClient) => Promise<T>,
): Promise<T> {
  const client = new TopClient({
    appKey: DEMO_APP_KEY,
    appSecret: DEMO_APP_SECRET,
    gatewayUrl: sandbox.url,
    ...options,
  });
  try {
    return await run(client);
  } finally {
    client.close();
  }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
}

interface SeedResult {
  biz_success: unknown;
  result: { account_id: string; usable_value: unknown; gift_value: unknown };
}
const seedOf = (answer: TopResponse): SeedResult => answer.body.result as SeedResult;

describe('TopClient ↔ sandbox: success', () => {
  it.each([
    ['simplified JSON', { format: 'json', simplify: true }, 4000],
    ['standard JSON', { format: 'json', simplify: false }, 4000],
    ['XML', { format: 'xml' }, '4000'],
  ] as const)('reads the seed card in %s', async (_label, options, usable) => {
    const answer = await withClient(options, (c) => c.execute(METHOD, query(DEMO_CARDS.seed)));
    expect(answer.requestId).toMatch(/^\w+$/);
    const result = seedOf(answer);
    expect(result.biz_success).toBe(options.format === 'xml' ? 'true' : true);
    expect(result.result).toMatchObject({ account_id: 'RA-0001', usable_value: usable });
  });

  it.each(SIGN_METHODS)(
    'is accepted with sign_method %s, with a fresh request_id each call',
    async (signMethod) => {
      const ids = await withClient({ signMethod }, async (c) => {
        const answers = await Promise.all([1, 2, 3].map(() => c.execute(METHOD, query(DEMO_CARDS.seed))));
        return answers.map((a) => a.requestId);
      });
      expect(new Set(ids).size).toBe(3);
    },
  );

  it('is accepted with a required session, and refused without or with a wrong one', async () => {
    const app = { appKey: SESSION_APP.appKey, appSecret: SESSION_APP.appSecret };
    await withClient({ ...app, session: SESSION_APP.requireSession }, (c) =>
      expect(c.execute(METHOD, query(DEMO_CARDS.seed))).resolves.toBeDefined(),
    );
    expect(await withClient(app, (c) => failure(c.execute(METHOD, query(DEMO_CARDS.seed))))).toMatchObject({
      code: 26,
    });
    expect(
      await withClient({ ...app, session: 'not-the-session' }, (c) =>
        failure(c.execute(METHOD, query(DEMO_CARDS.seed))),
      ),
    ).toMatchObject({ code: 27 });
  });

  it('gets the gateway protocol errors for a wrong secret, app key or clock', async () => {
    const card = query(DEMO_CARDS.seed);
    expect(
      await withClient({ appSecret: 'wrong-secret' }, (c) => failure(c.execute(METHOD, card))),
    ).toMatchObject({ code: 25 });
    expect(await withClient({ appKey: 'nobody' }, (c) => failure(c.execute(METHOD, card)))).toMatchObject({
      code: 29,
    });
    const anHourAgo = (): Date => new Date(Date.now() - 3_600_000);
    expect(await withClient({ now: anHourAgo }, (c) => failure(c.execute(METHOD, card)))).toMatchObject({
      code: 31,
    });
    expect(await withClient({}, (c) => failure(c.execute('alibaba.no.such.method', card)))).toMatchObject({
      code: 22,
    });
  });
});

type Check = (err: Error | TopResponse) => void;
const apiError =
  (code: number, retriable: boolean, subCode?: string): Check =>
  (err) => {
    expect(err).toBeInstanceOf(TopApiError);
    expect(err).toMatchObject({ code, retriable, ...(subCode === undefined ? {} : { subCode }) });
    expect((err as TopApiError).requestId).toBeTruthy();
  };
const responseError =
  (kind: string): Check =>
  (err) => {
    expect(err).toBeInstanceOf(TopResponseError);
    expect(err).toMatchObject({ kind });
    expect((err as TopResponseError).excerpt.length).toBeLessThanOrEqual(120);
  };
const httpError =
  (status: number): Check =>
  (err) => {
    expect(err).toBeInstanceOf(TopTransportError);
    expect(err).toMatchObject({ status, retriable: true });
  };

/** Every fault card and what the client must make of it; a Record so a new FaultName fails to compile here. */
const FAULT_EXPECTATIONS: Record<FaultName, Check> = {
  slow: (answer) => expect(seedOf(answer as TopResponse).biz_success).toBe(true),
  rateLimited: apiError(7, true, 'accesscontrol.limited-by-app-access-count'),
  serviceUnavailable: apiError(10, true, 'isp.service-unavailable'),
  permission: apiError(11, false, 'isv.permission-api-package-limit'),
  invalidSession: apiError(27, false, 'invalid-sessionkey'),
  bizError: (answer) =>
    expect((answer as TopResponse).body.result).toMatchObject({
      biz_success: false,
      result_code: 'CARD_FROZEN',
    }),
  http502: httpError(502),
  http503: httpError(503),
  html: responseError('html'),
  malformedJson: responseError('malformed'),
  truncatedJson: responseError('truncated'),
  oversized: responseError('oversized'),
  dropConnection: (err) => {
    expect(err).toBeInstanceOf(TopTransportError);
    expect(err).toMatchObject({ causeCode: 'ECONNRESET', retriable: true });
  },
  neverEnds: (err) => {
    expect(err).toBeInstanceOf(TopTimeoutError);
    expect(err).toMatchObject({ timeoutMs: 200 });
  },
  invalidParameter: apiError(15, false, 'isv.invalid-parameter'),
  clockSkew: apiError(31, false),
};

describe.each([
  ['undici (default)', {}],
  ['injected fetch', { fetch: globalThis.fetch }],
] as const)('TopClient ↔ sandbox fault cards via %s', (_name, transport) => {
  // The session app, so that every request also carries a session key that must never leak.
  const options = {
    ...transport,
    appKey: SESSION_APP.appKey,
    appSecret: SESSION_APP.appSecret,
    session: SESSION_APP.requireSession,
    timeoutMs: 200,
    signMethod: 'md5',
  } as const;
  const faults = Object.keys(FAULT_EXPECTATIONS) as FaultName[];
  /** One call for a fault card: the answer, or the error the client threw. */
  const outcomeOf = (fault: FaultName): Promise<TopResponse | Error> =>
    withClient(options, (c) =>
      c
        .execute(METHOD, query(FAULT_CARDS[fault]), { timeoutMs: fault === 'slow' ? SLOW_MS * 8 : undefined })
        .catch((err: unknown) => err as Error),
    );

  it.each(faults)('%s', async (fault) => {
    FAULT_EXPECTATIONS[fault](await outcomeOf(fault));
  });

  it('aborts a never-ending answer on the caller signal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await withClient(options, (c) =>
      failure(
        c.execute(METHOD, query(FAULT_CARDS.neverEnds), { signal: controller.signal, timeoutMs: 5000 }),
      ),
    );
    expect(err).toBeInstanceOf(TopAbortError);
  });

  it('times out the slow card with a short per-call timeout', async () => {
    const err = await withClient(options, (c) =>
      failure(c.execute(METHOD, query(FAULT_CARDS.slow), { timeoutMs: SLOW_MS / 2 })),
    );
    expect(err).toBeInstanceOf(TopTimeoutError);
  });

  it('never shows the secret or session key in any fault error', async () => {
    // Its own calls, not the errors of the tests above: it must hold in whatever order tests run.
    const outcomes = await Promise.all(faults.map(outcomeOf));
    const errors = outcomes.filter((outcome): outcome is Error => outcome instanceof Error);
    expect(errors.length).toBeGreaterThanOrEqual(13);
    for (const err of errors) {
      let text = `${String(err)}\n${err.message}\n${JSON.stringify(err)}\n${inspect(err, { depth: 5 })}`;
      for (let cause = err.cause; cause instanceof Error; cause = cause.cause)
        text += `\n${String(cause)}\n${cause.message}`;
      expect(text).not.toContain(SESSION_APP.appSecret);
      expect(text).not.toContain(SESSION_APP.requireSession);
    }
  });
});

describe('TopClient ↔ sandbox: a fault set for every request', () => {
  it('degrades a real card when the gateway is told to', async () => {
    sandbox.setFault('http503');
    try {
      const err = await withClient({}, (c) => failure(c.execute(METHOD, query(DEMO_CARDS.seed))));
      expect(err).toMatchObject({ status: 503 });
    } finally {
      sandbox.setFault(undefined);
    }
    await expect(withClient({}, (c) => c.execute(METHOD, query(DEMO_CARDS.seed)))).resolves.toBeDefined();
  });
});
