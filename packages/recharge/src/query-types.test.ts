import { describe, expectTypeOf, it } from 'vitest';
import type { RechargeAccountQuery, RechargeQueryInput } from './query-types';

// These checks run in `tsc` (the test body is trivial at run time): the query type admits exactly
// one target, one brand id and one shop id.
describe('RechargeAccountQuery (type level)', () => {
  it('accepts each allowed combination', () => {
    const ok: RechargeAccountQuery[] = [
      { cardId: '1', brandId: '2', shopId: '3' },
      { accountId: '1', outBrandId: '2', shopId: '3' },
      { customerId: '1', brandId: '2', outShopId: '3' },
      { cardId: '1', outBrandId: '2', outShopId: '3' },
    ];
    expectTypeOf(ok).toEqualTypeOf<RechargeAccountQuery[]>();
    expectTypeOf<RechargeAccountQuery>().toExtend<RechargeQueryInput>();
  });

  it('rejects missing or doubled members', () => {
    // @ts-expect-error two targets must not type-check
    const twoTargets: RechargeAccountQuery = { cardId: '1', customerId: '2', brandId: '3', shopId: '4' };
    // @ts-expect-error both brand ids must not type-check
    const twoBrands: RechargeAccountQuery = { cardId: '1', brandId: '2', outBrandId: '3', shopId: '4' };
    // @ts-expect-error both shop ids must not type-check
    const twoShops: RechargeAccountQuery = { cardId: '1', brandId: '2', shopId: '3', outShopId: '4' };
    // @ts-expect-error a query without a target must not type-check
    const noTarget: RechargeAccountQuery = { brandId: '2', shopId: '3' };
    // @ts-expect-error a query without a brand must not type-check
    const noBrand: RechargeAccountQuery = { cardId: '1', shopId: '3' };
    // @ts-expect-error a query without a shop must not type-check
    const noShop: RechargeAccountQuery = { cardId: '1', brandId: '2' };
    expectTypeOf([twoTargets, twoBrands, twoShops, noTarget, noBrand, noShop]).toBeArray();
  });
});
