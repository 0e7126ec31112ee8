import {
  RechargeBizError,
  RechargeNotFoundError,
  RechargeQueryError,
  RechargeResponseError,
} from '@balance-desk/recharge';
import {
  TopAbortError,
  TopApiError,
  TopResponseError,
  TopTimeoutError,
  TopTransportError,
} from '@balance-desk/top-client';
import { describe, expect, it } from 'vitest';
import { blamesShopOrBrand, classifyLookupError } from './classify';
import { createRateGuard } from './rate-guard';
import { retryDelayMs, DEFAULT_RETRY_POLICY } from './retry';
import { ManagerSessions } from '../desk/manager-sessions';

const api = (code: number, subCode?: string, subMsg?: string) =>
  classifyLookupError(new TopApiError({ code, msg: 'm', subCode, subMsg, requestId: 'req-1' }));

describe('classifyLookupError: TOP codes the sandbox cannot all produce (docs/TOP-PROTOCOL.md §4)', () => {
  it.each([
    [7, undefined, 'rate-limited', true, false],
    [5, 'accesscontrol.limited-by-api-access-count', 'rate-limited', true, false],
    [30, undefined, 'clock-skew', false, false],
    [31, undefined, 'clock-skew', false, false],
    [24, undefined, 'credentials', false, false],
    [25, undefined, 'credentials', false, false],
    [28, undefined, 'credentials', false, false],
    [29, undefined, 'credentials', false, false],
    [26, undefined, 'credentials', false, false],
    [11, undefined, 'permission', false, false],
    [12, undefined, 'permission', false, false],
    [13, undefined, 'permission', false, false],
    [15, 'isv.permission-api-package-not-allowed', 'permission', false, false],
    [40, 'isv.missing-parameter', 'not-configured', false, false],
    [41, 'isv.invalid-parameter', 'invalid-card', false, false],
    [50, 'isv.invalid-parameter', 'invalid-card', false, false],
    [15, 'isv.something-else', 'gateway', false, false],
    [10, undefined, 'gateway', true, true],
    [15, 'isp.top-remote-connection-timeout', 'gateway', true, true],
    [99, undefined, 'gateway', false, false],
  ] as const)('code %s %s → %s (retriable %s, auto-retry %s)', (code, sub, reason, retriable, autoRetry) => {
    const c = api(code, sub);
    expect(c).toMatchObject({ reason, retriable, autoRetry, reached: 'online' });
    expect(c.detail).toMatchObject({ code, requestId: 'req-1' });
  });

  it('a session problem says so; a parameter error that blames the shop is a settings problem', () => {
    expect(api(27, 'invalid-sessionkey').detail.text).toBe('session');
    expect(api(41, 'isv.invalid-parameter', '门店不存在')).toMatchObject({
      reason: 'not-configured',
      detail: { text: '门店不存在' },
    });
    expect(api(15, 'isv.invalid-parameter', 'shop_id is invalid').reason).toBe('not-configured');
    expect(api(15, 'isv.invalid-parameter', '非法参数').reason).toBe('invalid-card');
  });

  it('blamesShopOrBrand does not read "contact the store" as blame', () => {
    expect(blamesShopOrBrand(undefined, '该卡已冻结，请联系门店')).toBe(false);
    expect(blamesShopOrBrand('SHOP_NOT_EXIST', undefined)).toBe(true);
    expect(blamesShopOrBrand('CARD_FROZEN', '品牌不匹配')).toBe(true);
  });
});

describe('classifyLookupError: transport, parsing, recharge', () => {
  it('transport', () => {
    expect(classifyLookupError(new TopTransportError('x', { causeCode: 'ECONNREFUSED' }))).toMatchObject({
      reason: 'network',
      retriable: true,
      autoRetry: true,
      reached: 'offline',
      detail: { subCode: 'ECONNREFUSED' },
    });
    expect(classifyLookupError(new TopTransportError('x', { causeCode: 'CERT_HAS_EXPIRED' }))).toMatchObject({
      reason: 'network',
      retriable: false,
      autoRetry: false,
    });
    expect(classifyLookupError(new TopTransportError('x', { status: 500 }))).toMatchObject({
      reason: 'gateway',
      retriable: true,
      autoRetry: true,
      detail: { code: 500 },
    });
    expect(classifyLookupError(new TopTransportError('x', { status: 404 }))).toMatchObject({
      reason: 'gateway',
      retriable: false,
      autoRetry: false,
    });
    expect(classifyLookupError(new TopTimeoutError(8000))).toMatchObject({
      reason: 'timeout',
      retriable: true,
      autoRetry: false,
      reached: 'offline',
    });
    expect(classifyLookupError(new TopAbortError()).reason).toBe('cancelled');
    expect(classifyLookupError(new TopResponseError('x', '', false, 'html'))).toMatchObject({
      reason: 'unexpected-response',
      detail: { subCode: 'html' },
    });
  });

  it.each([
    ['CARD_FROZEN', '', 'frozen'],
    ['', '该卡已冻结，请联系门店', 'frozen'],
    ['CARD_LOST', '', 'lost'],
    ['BIZ_FAIL', '此卡已挂失', 'lost'],
    ['CARD_EXPIRED', '', 'expired'],
    ['', '会员卡已过期', 'expired'],
    ['CARD_NOT_ACTIVATED', '', 'inactive'],
    ['', '卡片未激活', 'inactive'],
    ['CARD_DISABLED', '', 'disabled'],
    ['', '该卡已停用', 'disabled'],
    ['CARD_STATUS_ABNORMAL', '', 'other'],
    ['E1001', '卡状态异常', 'other'],
    ['SYSTEM_BUSY', '系统繁忙', undefined],
    ['PARAM_ERROR', 'shop mismatch', undefined],
    [undefined, undefined, undefined],
  ] as const)('a refusal %j %j is the card state %j', (code, text, state) => {
    const refusal = new RechargeBizError({
      resultCode: code,
      resultDesc: text,
      resultView: undefined,
      requestId: 'r',
    });
    expect(classifyLookupError(refusal)).toMatchObject(
      state === undefined ? { reason: 'rejected' } : { reason: 'card-state', cardState: state },
    );
  });

  it('recharge errors', () => {
    expect(classifyLookupError(new RechargeNotFoundError('r'))).toMatchObject({
      reason: 'not-found',
      detail: { requestId: 'r' },
    });
    const biz = (resultCode: string) =>
      new RechargeBizError({ resultCode, resultDesc: 'd', resultView: '', requestId: 'r' });
    expect(classifyLookupError(biz('CARD_FROZEN'))).toMatchObject({
      reason: 'card-state',
      cardState: 'frozen',
      detail: { subCode: 'CARD_FROZEN', text: 'd' },
    });
    // A refusal that is not about the card stays a refusal of the system.
    expect(classifyLookupError(biz('SYSTEM_BUSY'))).toMatchObject({ reason: 'rejected' });
    expect(classifyLookupError(biz('SYSTEM_BUSY')).cardState).toBeUndefined();
    expect(classifyLookupError(biz('ACCOUNT_NOT_EXIST')).reason).toBe('not-found');
    expect(
      classifyLookupError(new RechargeResponseError('bad', { field: 'usable', requestId: 'r' })),
    ).toMatchObject({
      reason: 'unexpected-response',
      detail: { text: 'usable', requestId: 'r' },
    });
    const query = new RechargeQueryError([{ field: 'query', code: 'missing-shop', message: 'm' }]);
    expect(classifyLookupError(query)).toMatchObject({
      reason: 'not-configured',
      detail: { text: 'missing-shop' },
    });
  });

  it('anything else is an internal unexpected-response, with no message', () => {
    expect(classifyLookupError(new Error('secret-ish text'))).toEqual({
      reason: 'unexpected-response',
      retriable: false,
      autoRetry: false,
      reached: 'local',
      detail: { text: 'internal' },
    });
  });
});

describe('small parts', () => {
  it('rate guard: burst then sustained rate', () => {
    let t = 0;
    const guard = createRateGuard({ burst: 20, ratePerSecond: 10, clock: () => t });
    let taken = 0;
    while (guard.tryTake()) taken += 1;
    expect(taken).toBe(20);
    t += 1000;
    taken = 0;
    while (guard.tryTake()) taken += 1;
    expect(taken).toBe(10);
  });

  it('retry delays: 150 then 400 ms ± 20 %', () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, () => 0)).toBe(120);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, () => 1)).toBe(180);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 2, () => 0.5)).toBe(400);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 5, () => 0.5)).toBe(400);
  });

  it('manager sessions: unknown tokens fail, at most 8 live sessions', () => {
    let t = 0;
    const sessions = new ManagerSessions(() => t);
    expect(sessions.check(undefined)).toBe(false);
    expect(sessions.check('')).toBe(false);
    const tokens = Array.from({ length: 9 }, () => sessions.issue().token);
    expect(sessions.check(tokens[0])).toBe(false);
    expect(sessions.check(tokens[8])).toBe(true);
    t += 5 * 60_000;
    expect(sessions.check(tokens[8])).toBe(false);
    sessions.revokeAll();
    expect(sessions.check(tokens[7])).toBe(false);
  });
});
