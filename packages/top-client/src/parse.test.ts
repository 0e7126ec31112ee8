import { describe, expect, it } from 'vitest';
import { TopApiError, TopResponseError, type TopResponseErrorKind } from './errors';
import { parseTopResponse, type ParseContext } from './parse';
import { quoteUnsafeIntegers } from './parse-json';

const METHOD = 'alibaba.alsc.crm.recharge.account.get';
const SECRET = 'app-secret-0123456789';
const SESSION = 'session-key-abcdef';
const SIGN = 'A1B2C3D4E5F60718293A4B5C6D7E8F90';
const simplified: ParseContext = { method: METHOD, simplify: true, secrets: [SECRET, SESSION, SIGN] };
const standard: ParseContext = { ...simplified, simplify: false };

const ACCOUNT = { account_id: 'RA-0001', card_id: '111950000052400125', usable_value: 4000, deleted: false };
const RESULT = { biz_success: true, result_code: '0', result_desc: '成功', result_view: '', result: ACCOUNT };

function responseError(fn: () => unknown): TopResponseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TopResponseError) return err;
    throw err;
  }
  throw new Error('expected a TopResponseError');
}

function expectResponseError(
  text: string,
  kind: TopResponseErrorKind,
  contentType = 'application/json',
): TopResponseError {
  const err = responseError(() => parseTopResponse(text, contentType, simplified));
  expect(err.kind).toBe(kind);
  expect(err.excerpt.length).toBeLessThanOrEqual(120);
  return err;
}

describe('JSON envelopes', () => {
  it('takes the simplified root as the body', () => {
    const text = JSON.stringify({ result: RESULT, request_id: 'req-1' });
    expect(parseTopResponse(text, 'application/json;charset=utf-8', simplified)).toEqual({
      body: { result: RESULT, request_id: 'req-1' },
      requestId: 'req-1',
    });
  });

  it('unwraps the standard <method>_response wrapper, even when simplify was asked for', () => {
    const text = JSON.stringify({
      alibaba_alsc_crm_recharge_account_get_response: { result: RESULT, request_id: 'req-2' },
    });
    for (const ctx of [standard, simplified]) {
      expect(parseTopResponse(text, 'application/json', ctx)).toEqual({
        body: { result: RESULT, request_id: 'req-2' },
        requestId: 'req-2',
      });
    }
  });

  it('strips a leading taobao. from the wrapper name, and falls back to the first object member like the Java SDK', () => {
    const user = JSON.stringify({ user_seller_get_response: { user: { nick: 'n' }, request_id: 'r' } });
    expect(parseTopResponse(user, '', { ...standard, method: 'taobao.user.seller.get' }).body).toEqual({
      user: { nick: 'n' },
      request_id: 'r',
    });
    const odd = JSON.stringify({ flag: 1, something_else: { a: '1' }, later: { b: '2' } });
    expect(parseTopResponse(odd, '', standard).body).toEqual({ a: '1' });
    expect(() => parseTopResponse(JSON.stringify({ flag: 1 }), '', standard)).toThrow(TopResponseError);
  });

  it('keeps safe integers as numbers and turns unsafe ones into exact strings, never floats', () => {
    const text =
      '{"result":{"usable_value":1234567890123,"huge":123456789012345678901,"neg":-9007199254740993,"edge":9007199254740991,"id":"12345678901234567890","list":[99999999999999999,1],"f":1234567890123456.5}}';
    const body = parseTopResponse(text, '', simplified).body as { result: Record<string, unknown> };
    expect(body.result).toEqual({
      usable_value: 1234567890123,
      huge: '123456789012345678901',
      neg: '-9007199254740993',
      edge: 9007199254740991,
      id: '12345678901234567890',
      list: ['99999999999999999', 1],
      f: 1234567890123456.5,
    });
    // Digits inside strings, escaped quotes included, are never touched.
    const tricky = '{"s":"x\\":12345678901234567890","n":12345678901234567890}';
    expect(quoteUnsafeIntegers(tricky)).toBe('{"s":"x\\":12345678901234567890","n":"12345678901234567890"}');
  });

  it('turns error_response into TopApiError with every field', () => {
    const text = JSON.stringify({
      error_response: {
        code: 7,
        msg: 'App Call Limited',
        sub_code: 'accesscontrol.limited-by-app-access-count',
        sub_msg: '频繁',
        request_id: 'req-e',
      },
    });
    const err = (() => {
      try {
        parseTopResponse(text, 'application/json', simplified);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(TopApiError);
    expect(err).toMatchObject({
      code: 7,
      msg: 'App Call Limited',
      subCode: 'accesscontrol.limited-by-app-access-count',
      subMsg: '频繁',
      requestId: 'req-e',
      retriable: true,
    });
  });

  it('classifies garbage, truncated JSON, HTML and empty bodies', () => {
    expectResponseError('{"result": {biz_success:', 'malformed');
    const whole = JSON.stringify({ result: RESULT, request_id: 'r' });
    expect(expectResponseError(whole.slice(0, Math.floor(whole.length / 2)), 'truncated').retriable).toBe(
      true,
    );
    for (let cut = 1; cut < whole.length; cut++) expectResponseError(whole.slice(0, cut), 'truncated');
    expectResponseError(
      '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>',
      'html',
      'text/html',
    );
    expectResponseError('<html><body>maintenance</body></html>', 'html', 'text/plain');
    expectResponseError('{"a":1}', 'html', 'text/html; charset=utf-8');
    expectResponseError('', 'truncated');
    expectResponseError('Service Unavailable', 'malformed', 'text/plain');
    expectResponseError('[1,2]', 'malformed');
  });
});

describe('XML envelopes', () => {
  const ok = `<?xml version="1.0" encoding="utf-8" ?>
<alibaba_alsc_crm_recharge_account_get_response>
  <result><biz_success>true</biz_success><result_code>0</result_code><result_desc>成功</result_desc><result_view></result_view>
    <result><account_id>RA-0001</account_id><card_id>111950000052400125</card_id><usable_value>123456789012345678901</usable_value><gift_value>0200</gift_value></result>
  </result>
  <request_id>req-x</request_id>
</alibaba_alsc_crm_recharge_account_get_response>`;

  it('returns the root element children with every leaf as the exact text sent', () => {
    const { body, requestId } = parseTopResponse(ok, 'text/xml;charset=utf-8', standard);
    expect(requestId).toBe('req-x');
    expect(body).toEqual({
      result: {
        biz_success: 'true',
        result_code: '0',
        result_desc: '成功',
        result_view: '',
        result: {
          account_id: 'RA-0001',
          card_id: '111950000052400125',
          usable_value: '123456789012345678901',
          gift_value: '0200',
        },
      },
      request_id: 'req-x',
    });
  });

  it('makes repeated elements an array and decodes entities', () => {
    const xml = '<x_response><list><item>1</item><item>a &amp; b</item></list><empty/></x_response>';
    expect(parseTopResponse(xml, 'text/xml', { ...standard, method: 'x' }).body).toEqual({
      list: { item: ['1', 'a & b'] },
      empty: '',
    });
  });

  it('turns <error_response> into TopApiError with a numeric code', () => {
    const xml =
      '<?xml version="1.0"?><error_response><code>15</code><msg>Remote service error</msg><sub_code>isv.invalid-parameter</sub_code><sub_msg>非法参数</sub_msg><request_id>r9</request_id></error_response>';
    expect(() => parseTopResponse(xml, 'text/xml', simplified)).toThrow(TopApiError);
    try {
      parseTopResponse(xml, 'text/xml', simplified);
    } catch (err) {
      expect(err).toMatchObject({
        code: 15,
        msg: 'Remote service error',
        subCode: 'isv.invalid-parameter',
        subMsg: '非法参数',
        requestId: 'r9',
        retriable: false,
      });
    }
  });

  it('classifies truncated, malformed, foreign and DTD-carrying XML', () => {
    expect(expectResponseError(ok.slice(0, 200), 'truncated', 'text/xml').retriable).toBe(true);
    expectResponseError('<a><b>1</a>', 'malformed', 'text/xml');
    expectResponseError('<a>1</a><b>2</b>', 'malformed', 'text/xml');
    expectResponseError('<rss><channel/></rss>', 'shape', 'text/xml');
    expectResponseError(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x_response>&a;</x_response>',
      'malformed',
      'text/xml',
    );
    expectResponseError('<!-- proxy --><html><head><title>Bad</title></head></html>', 'html', 'text/xml');
  });
});

describe('redaction', () => {
  it('never lets the secret, session key or sign into a message, excerpt or String()', () => {
    const echo = `<html><body>bad request: app_secret=${SECRET}&session=${SESSION}&sign=${SIGN}&sign_method=md5</body></html>`;
    const apiEcho = JSON.stringify({
      error_response: {
        code: 27,
        msg: `Invalid session ${SESSION}`,
        sub_code: 'invalid-sessionkey',
        sub_msg: `key ${SESSION} / ${encodeURIComponent(SECRET)}`,
      },
    });
    const errors: unknown[] = [];
    for (const [text, ct] of [
      [echo, 'text/html'],
      [`{"broken": "${SECRET} ${SESSION} sign=${SIGN}`, 'application/json'],
      [`<x_response><a>${SESSION}</b></x_response>`, 'text/xml'],
      [apiEcho, 'application/json'],
    ] as const) {
      try {
        parseTopResponse(text, ct, simplified);
      } catch (err) {
        errors.push(err);
      }
    }
    expect(errors).toHaveLength(4);
    for (const err of errors) {
      const seen = `${String(err)} ${(err as Error).message} ${JSON.stringify(err)}`;
      for (const secret of [SECRET, SESSION, SIGN]) expect(seen).not.toContain(secret);
    }
  });
});
