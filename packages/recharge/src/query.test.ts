import { describe, expect, it } from 'vitest';
import { RechargeQueryError } from './errors';
import { buildRechargeParams, normalizeCardId, validateRechargeQuery } from './query';
import type { QueryIssueCode, RechargeAccountQuery, RechargeQueryInput } from './query-types';

const CARD = '111950000052400125';
const SHOP = { brandId: '3724809629', shopId: '3724809631' };

describe('normalizeCardId', () => {
  it.each([
    ['plain digits', CARD, CARD],
    ['full-width digits from an IME', '１１１９５０００００５２４００１２５', CARD],
    ['ideographic spaces around', `\u3000${CARD}\u3000`, CARD],
    ['scanner CR/LF and tab terminators', `\t${CARD}\r\n`, CARD],
    ['NBSP, zero-width space and BOM at the ends', `\uFEFF\u00A0${CARD}\u200B`, CARD],
    ['letters, dash and underscore kept as typed', 'Gift-Card_07a', 'Gift-Card_07a'],
    ['full-width letters and dash', 'ＧＣ－００１', 'GC-001'],
    ['exactly 64 characters', '9'.repeat(64), '9'.repeat(64)],
    ['digit groups with spaces, as printed on the card', '1119 5000 0052 4001 25', CARD],
    ['digit groups with dashes', '1119-5000-0052-4001-25', CARD],
    ['digit groups with ideographic spaces and full-width dashes', '1119\u30005000－0052 4001  25', CARD],
    ['a dash between two digit-only groups of another range', '9999-0000', '99990000'],
  ])('accepts %s', (_name, raw, cardId) => {
    expect(normalizeCardId(raw)).toEqual({ ok: true, cardId });
  });

  it.each<[string, string, QueryIssueCode, RegExp]>([
    ['empty', '', 'card-empty', /empty/],
    ['only spaces, ideographic spaces and newlines', ' \u3000\r\n', 'card-empty', /empty/],
    ['65 characters', '9'.repeat(65), 'card-too-long', /64/],
    ['a space inside letters', 'AB 12', 'card-invalid-chars', /whitespace/],
    ['an ideographic space inside letters', 'AB\u300012', 'card-invalid-chars', /whitespace/],
    ['a space next to a dash', '1119 -', 'card-invalid-chars', /whitespace/],
    ['a NUL byte', `${CARD}\u0000`, 'card-invalid-chars', /control/],
    ['a GS1 group separator', `0104\u001D${CARD}`, 'card-invalid-chars', /control/],
    ['DEL', `${CARD}\u007F`, 'card-invalid-chars', /control/],
    ['a zero-width space inside', `1119\u200B5`, 'card-invalid-chars', /invisible/],
    ['an emoji', `${CARD}💳`, 'card-invalid-chars', /other than/],
    ['punctuation', '1119.5000', 'card-invalid-chars', /other than/],
    ['a circled digit (not folded, unlike NFKC)', '①119', 'card-invalid-chars', /other than/],
    ['Chinese text', '会员卡', 'card-invalid-chars', /other than/],
  ])('rejects %s', (_name, raw, code, message) => {
    const result = normalizeCardId(raw);
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok ? '' : result.message).toMatch(message);
  });

  it('never echoes the input in its message', () => {
    const result = normalizeCardId(`${CARD} x`);
    expect(result.ok ? '' : result.message).not.toContain(CARD);
  });
});

describe('validateRechargeQuery', () => {
  it.each<[string, RechargeQueryInput, RechargeAccountQuery]>([
    ['card + brand + shop', { cardId: CARD, ...SHOP }, { cardId: CARD, ...SHOP }],
    [
      'account + out ids',
      { accountId: 'RA-0001', outBrandId: 'B-门店', outShopId: 'S01' },
      { accountId: 'RA-0001', outBrandId: 'B-门店', outShopId: 'S01' },
    ],
    [
      'customer + brand + out shop',
      { customerId: 'C-0600', brandId: '1', outShopId: 'S01' },
      { customerId: 'C-0600', brandId: '1', outShopId: 'S01' },
    ],
    [
      'normalised card and ids',
      { cardId: ' １１１９５ ', brandId: '\u3000３７２４ ', shopId: '\t99\n' },
      { cardId: '11195', brandId: '3724', shopId: '99' },
    ],
    [
      'blank siblings count as absent',
      { cardId: CARD, customerId: '', brandId: '1', outBrandId: ' ', shopId: '2', outShopId: '' },
      { cardId: CARD, brandId: '1', shopId: '2' },
    ],
  ])('accepts %s', (_name, input, query) => {
    expect(validateRechargeQuery(input)).toEqual({ ok: true, query });
  });

  const codes = (input: unknown) => {
    const result = validateRechargeQuery(input as RechargeQueryInput);
    return result.ok ? [] : result.issues.map((issue) => `${issue.field}:${issue.code}`);
  };

  it.each<[string, unknown, string[]]>([
    ['nothing at all', {}, ['query:missing-brand', 'query:missing-shop', 'query:missing-target']],
    ['no brand', { cardId: CARD, shopId: '1' }, ['query:missing-brand']],
    ['a blank brand setting', { cardId: CARD, brandId: '  ', shopId: '1' }, ['query:missing-brand']],
    ['no shop', { cardId: CARD, brandId: '1' }, ['query:missing-shop']],
    ['no target', SHOP, ['query:missing-target']],
    ['an empty scan', { cardId: '', ...SHOP }, ['cardId:card-empty']],
    ['a scan of only whitespace', { cardId: '\u3000\r\n', ...SHOP }, ['cardId:card-empty']],
    ['card and customer', { cardId: CARD, customerId: 'C1', ...SHOP }, ['query:ambiguous-target']],
    [
      'all three targets',
      { cardId: CARD, customerId: 'C1', accountId: 'A1', ...SHOP },
      ['query:ambiguous-target'],
    ],
    [
      'both brand ids',
      { cardId: CARD, brandId: '1', outBrandId: 'b', shopId: '1' },
      ['query:ambiguous-brand'],
    ],
    ['both shop ids', { cardId: CARD, brandId: '1', shopId: '1', outShopId: 's' }, ['query:ambiguous-shop']],
    ['a 65-character card', { cardId: '1'.repeat(65), ...SHOP }, ['cardId:card-too-long']],
    ['an emoji card', { cardId: '🎁', ...SHOP }, ['cardId:card-invalid-chars']],
    ['a control char in the card', { cardId: '12\u00073', ...SHOP }, ['cardId:card-invalid-chars']],
    ['a space inside the brand id', { cardId: CARD, brandId: '37 24', shopId: '1' }, ['brandId:id-invalid']],
    ['non-ASCII platform shop id', { cardId: CARD, brandId: '1', shopId: '店' }, ['shopId:id-invalid']],
    ['a 65-character account id', { accountId: 'a'.repeat(65), ...SHOP }, ['accountId:id-invalid']],
    ['a control char in a customer id', { customerId: 'C\u00001', ...SHOP }, ['customerId:id-invalid']],
    [
      'a tab inside an out shop id',
      { cardId: CARD, brandId: '1', outShopId: 'S\t1' },
      ['outShopId:id-invalid'],
    ],
    [
      'a 129-code-point out brand id',
      { cardId: CARD, outBrandId: '店'.repeat(129), shopId: '1' },
      ['outBrandId:id-invalid'],
    ],
    [
      'a number where a card id belongs (run time)',
      { cardId: 11195000005240, ...SHOP },
      ['cardId:card-invalid-chars'],
    ],
    [
      'a number where a brand id belongs (run time)',
      { cardId: CARD, brandId: 1, shopId: '1' },
      ['brandId:id-invalid'],
    ],
    ['not an object (run time)', null, ['query:missing-target']],
    [
      'several problems at once',
      { cardId: '1 B', outShopId: 'a b' },
      ['query:missing-brand', 'outShopId:id-invalid', 'cardId:card-invalid-chars'],
    ],
  ])('rejects %s', (_name, input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it('messages never contain the values', () => {
    const result = validateRechargeQuery({ cardId: `${CARD}!`, brandId: 'secret brand', shopId: '1' });
    expect(result.ok).toBe(false);
    for (const issue of result.ok ? [] : result.issues) {
      expect(issue.message).not.toContain(CARD);
      expect(issue.message).not.toContain('secret');
    }
  });
});

describe('buildRechargeParams', () => {
  it('serializes compact snake_case JSON in the doc example order (docs/TOP-PROTOCOL.md §2.2)', () => {
    expect(buildRechargeParams({ cardId: CARD, ...SHOP })).toEqual({
      param_query_recharge_account_open_req:
        '{"brand_id":"3724809629","shop_id":"3724809631","card_id":"111950000052400125"}',
    });
  });

  it('uses out ids and the other targets, escaping as JSON', () => {
    expect(buildRechargeParams({ customerId: 'C-0600', outBrandId: 'B"门店', outShopId: 'S\\1' })).toEqual({
      param_query_recharge_account_open_req:
        '{"out_brand_id":"B\\"门店","out_shop_id":"S\\\\1","customer_id":"C-0600"}',
    });
    expect(buildRechargeParams({ accountId: 'RA-0001', ...SHOP }).param_query_recharge_account_open_req).toBe(
      '{"brand_id":"3724809629","shop_id":"3724809631","account_id":"RA-0001"}',
    );
  });

  it('sends the normalized values and never an empty one', () => {
    const query = {
      cardId: '　１１１９５ ',
      customerId: '',
      brandId: '1',
      shopId: '2',
    } as unknown as RechargeAccountQuery;
    expect(buildRechargeParams(query).param_query_recharge_account_open_req).toBe(
      '{"brand_id":"1","shop_id":"2","card_id":"11195"}',
    );
  });

  it('throws RechargeQueryError with the issues for an invalid query at run time', () => {
    const query = { cardId: '', brandId: '1' } as unknown as RechargeAccountQuery;
    const error = (() => {
      try {
        buildRechargeParams(query);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RechargeQueryError);
    expect((error as RechargeQueryError).issues.map((i) => i.code)).toEqual(['missing-shop', 'card-empty']);
  });
});
