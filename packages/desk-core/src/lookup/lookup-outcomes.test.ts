import { LookupOutcome, type LookupErrorReason } from '@balance-desk/contract';
import { DEMO_CARDS, FAULT_CARDS, type FaultName } from '@balance-desk/top-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../test-support/sandbox-service';

/** What each sandbox fault card must turn into (docs/TOP-PROTOCOL.md §4), with the retriable flag the UI gets. */
const EXPECTED: Record<
  FaultName,
  { kind: 'ok' } | { reason: LookupErrorReason; retriable: boolean; code?: number; subCode?: string }
> = {
  slow: { kind: 'ok' },
  rateLimited: {
    reason: 'rate-limited',
    retriable: true,
    code: 7,
    subCode: 'accesscontrol.limited-by-app-access-count',
  },
  serviceUnavailable: { reason: 'gateway', retriable: true, code: 10, subCode: 'isp.service-unavailable' },
  permission: {
    reason: 'permission',
    retriable: false,
    code: 11,
    subCode: 'isv.permission-api-package-limit',
  },
  invalidSession: { reason: 'credentials', retriable: false, code: 27 },
  bizError: { reason: 'card-state', retriable: false, subCode: 'CARD_FROZEN' },
  http502: { reason: 'gateway', retriable: true, code: 502 },
  http503: { reason: 'gateway', retriable: true, code: 503 },
  html: { reason: 'unexpected-response', retriable: false },
  malformedJson: { reason: 'unexpected-response', retriable: false },
  truncatedJson: { reason: 'unexpected-response', retriable: true },
  oversized: { reason: 'unexpected-response', retriable: false },
  dropConnection: { reason: 'network', retriable: true },
  neverEnds: { reason: 'timeout', retriable: true },
  invalidParameter: { reason: 'invalid-card', retriable: false, code: 15, subCode: 'isv.invalid-parameter' },
  clockSkew: { reason: 'clock-skew', retriable: false, code: 31 },
};

describe('lookup outcomes from real sandbox answers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      sandbox: { slowMs: 60 },
      settings: { requestTimeoutMs: 300 },
      deps: { rateGuard: { burst: 1000, ratePerSecond: 1000 } },
    });
  });
  afterAll(() => h.close());

  it.each(Object.entries(FAULT_CARDS) as [FaultName, string][])('fault card %s', async (fault, cardId) => {
    const outcome = await h.service.lookup(cardId);
    expect(LookupOutcome.parse(outcome)).toEqual(outcome);
    const want = EXPECTED[fault];
    if ('kind' in want) {
      expect(outcome.kind).toBe('ok');
      return;
    }
    if (outcome.kind !== 'error') throw new Error(`expected an error, got ${outcome.kind}`);
    expect(outcome.cardId).toBe(cardId);
    expect(outcome.reason).toBe(want.reason);
    expect(outcome.retriable).toBe(want.retriable);
    if (want.code !== undefined) expect(outcome.detail.code).toBe(want.code);
    if (want.subCode !== undefined) expect(outcome.detail.subCode).toBe(want.subCode);
  });

  it('a frozen card is the card’s state (frozen), with the CRM’s own text and the request id', async () => {
    const outcome = await h.service.lookup(FAULT_CARDS.bizError);
    expect(outcome).toMatchObject({
      kind: 'error',
      reason: 'card-state',
      cardState: 'frozen',
      retriable: false,
      detail: { text: '该卡已冻结，请联系门店' },
    });
    if (outcome.kind === 'error') expect(outcome.detail.requestId).toMatch(/\S/);
  });

  it('an invalid session names the session in the detail', async () => {
    const outcome = await h.service.lookup(FAULT_CARDS.invalidSession);
    expect(outcome).toMatchObject({ reason: 'credentials', detail: { text: 'session' } });
  });

  it('the seed card: balances as integers, ISO dates, unit and request id', async () => {
    const outcome = await h.service.lookup(`  ${DEMO_CARDS.seed}\r\n`);
    expect(outcome).toMatchObject({
      kind: 'ok',
      cardId: DEMO_CARDS.seed,
      amountUnit: 'fen',
      accounts: [
        {
          accountId: 'RA-0001',
          usable: 4000,
          gift: 2000,
          giftTotal: 3000,
          preStored: 200,
          real: 3000,
          realTotal: 5000,
          deleted: false,
        },
      ],
    });
    if (outcome.kind !== 'ok') return;
    expect(outcome.accounts[0]?.createdAt).toBe('2019-08-01T07:31:21.000Z');
    expect(outcome.requestId).toMatch(/\S/);
    expect(h.service.connectivity()).toBe('online');
  });

  it('a deleted account is ok with deleted: true; two accounts come back as two', async () => {
    const deleted = await h.service.lookup(DEMO_CARDS.deleted);
    expect(deleted).toMatchObject({ kind: 'ok', accounts: [{ deleted: true, usable: 1500 }] });
    const two = await h.service.lookup(DEMO_CARDS.twoAccounts);
    expect(two.kind === 'ok' && two.accounts.length).toBe(2);
  });

  it('unknown and other-shop cards are not-found', async () => {
    for (const cardId of ['111950000099999999', DEMO_CARDS.otherShop]) {
      expect(await h.service.lookup(cardId)).toMatchObject({
        kind: 'error',
        reason: 'not-found',
        retriable: false,
      });
    }
  });

  it('invalid card text never reaches the gateway', async () => {
    const before = h.sandbox.requestCount();
    expect(await h.service.lookup('   ')).toMatchObject({
      kind: 'error',
      reason: 'invalid-card',
      detail: { text: 'card-empty' },
    });
    expect(await h.service.lookup('1119 AB00')).toMatchObject({
      reason: 'invalid-card',
      detail: { text: 'card-invalid-chars' },
    });
    expect(await h.service.lookup('9'.repeat(65))).toMatchObject({
      reason: 'invalid-card',
      detail: { text: 'card-too-long' },
    });
    expect(h.sandbox.requestCount()).toBe(before);
  });

  it('full-width digits from an IME are folded before the call', async () => {
    const fullWidth = [...DEMO_CARDS.seed].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
    expect(await h.service.lookup(fullWidth)).toMatchObject({ kind: 'ok', cardId: DEMO_CARDS.seed });
  });

  it('a card number typed in printed groups (spaces or dashes) is joined before the call', async () => {
    const grouped = DEMO_CARDS.seed.replace(/^(\d{4})(\d{4})(\d{4})(\d{4})(\d{2})$/, '$1 $2 $3 $4 $5');
    expect(grouped).toBe('1119 5000 0052 4001 25');
    expect(await h.service.lookup(grouped)).toMatchObject({ kind: 'ok', cardId: DEMO_CARDS.seed });
    expect(await h.service.lookup(grouped.replaceAll(' ', '-'))).toMatchObject({
      kind: 'ok',
      cardId: DEMO_CARDS.seed,
    });
  });

  it('a dropped connection marks the terminal offline until the gateway answers again', async () => {
    await h.service.lookup(FAULT_CARDS.dropConnection);
    expect(h.service.connectivity()).toBe('offline');
    await h.service.lookup(FAULT_CARDS.permission);
    expect(h.service.connectivity()).toBe('online');
  });
});
