import type { SandboxAccount, SandboxData } from './data';
import { prepareResult, SUCCESS, type CommonResult, type PreparedByShape } from './render';

/** The fields of `param_query_recharge_account_open_req` (docs/TOP-PROTOCOL.md §5), empty ones dropped. */
export interface RechargeQuery {
  brandId?: string;
  outBrandId?: string;
  shopId?: string;
  outShopId?: string;
  accountId?: string;
  cardId?: string;
  customerId?: string;
}

interface Entry {
  readonly accounts: SandboxAccount[];
  prepared?: PreparedByShape;
}

interface ShopIndex {
  byAccount: Map<string, Entry>;
  byCard: Map<string, Entry>;
  byCustomer: Map<string, Entry>;
}

/** Unknown brand/shop: a business error, so a misconfigured terminal learns what to fix. */
const SHOP_NOT_FOUND: CommonResult = {
  bizSuccess: false,
  code: 'SHOP_NOT_FOUND',
  desc: '品牌或门店不存在',
  view: '品牌或门店不存在，请检查终端的品牌与门店设置',
};

function add(map: Map<string, Entry>, key: string | undefined, account: SandboxAccount): void {
  if (key === undefined) return;
  const entry = map.get(key);
  if (entry) entry.accounts.push(account);
  else map.set(key, { accounts: [account] });
}

/**
 * The data set, indexed once so a lookup is a few Map reads, and each answer's body prepared once
 * (lazily) and reused for every later request for the same card.
 */
export class Catalog {
  private readonly brandByOut = new Map<string, string>();
  private readonly brandIds = new Set<string>();
  private readonly shopById = new Map<string, { brandId: string; index: ShopIndex }>();
  private readonly shopByOut = new Map<string, string>();
  private readonly empty = prepareResult(SUCCESS, []);
  private readonly shopNotFound = prepareResult(SHOP_NOT_FOUND, []);

  constructor(data: SandboxData) {
    for (const brand of data.brands) {
      this.brandIds.add(brand.brandId);
      if (brand.outBrandId !== undefined) this.brandByOut.set(brand.outBrandId, brand.brandId);
    }
    for (const shop of data.shops) {
      this.shopById.set(shop.shopId, {
        brandId: shop.brandId,
        index: { byAccount: new Map(), byCard: new Map(), byCustomer: new Map() },
      });
      if (shop.outShopId !== undefined) this.shopByOut.set(shop.outShopId, shop.shopId);
    }
    for (const account of data.accounts) {
      const shop = this.shopById.get(account.shopId);
      if (!shop) continue; // schema validation guarantees the shop exists
      add(shop.index.byAccount, account.accountId, account);
      add(shop.index.byCard, account.cardId, account);
      add(shop.index.byCustomer, account.customerId, account);
    }
  }

  /** `brand_id` / `out_brand_id` and `shop_id` / `out_shop_id` must name one brand and one of its shops. */
  private resolveShop(query: RechargeQuery): ShopIndex | undefined {
    let brandId = query.brandId;
    if (brandId !== undefined) {
      if (!this.brandIds.has(brandId)) return undefined;
      if (query.outBrandId !== undefined && this.brandByOut.get(query.outBrandId) !== brandId)
        return undefined;
    } else if (query.outBrandId !== undefined) {
      brandId = this.brandByOut.get(query.outBrandId);
    }
    let shopId = query.shopId;
    if (shopId !== undefined) {
      if (query.outShopId !== undefined && this.shopByOut.get(query.outShopId) !== shopId) return undefined;
    } else if (query.outShopId !== undefined) {
      shopId = this.shopByOut.get(query.outShopId);
    }
    if (brandId === undefined || shopId === undefined) return undefined;
    const shop = this.shopById.get(shopId);
    return shop && shop.brandId === brandId ? shop.index : undefined;
  }

  /** The prepared answer for a query: the account(s) found in that shop, an empty result, or SHOP_NOT_FOUND. */
  lookup(query: RechargeQuery): PreparedByShape {
    const shop = this.resolveShop(query);
    if (!shop) return this.shopNotFound;
    const { accountId, cardId, customerId } = query;
    // Start from the most specific identifier, then keep only accounts matching the others too.
    const entry =
      accountId !== undefined
        ? shop.byAccount.get(accountId)
        : cardId !== undefined
          ? shop.byCard.get(cardId)
          : customerId !== undefined
            ? shop.byCustomer.get(customerId)
            : undefined;
    if (!entry) return this.empty;
    const given =
      Number(accountId !== undefined) + Number(cardId !== undefined) + Number(customerId !== undefined);
    if (given === 1) return (entry.prepared ??= prepareResult(SUCCESS, entry.accounts));
    const matches = entry.accounts.filter(
      (a) =>
        (accountId === undefined || a.accountId === accountId) &&
        (cardId === undefined || a.cardId === cardId) &&
        (customerId === undefined || a.customerId === customerId),
    );
    if (matches.length === entry.accounts.length) {
      entry.prepared ??= prepareResult(SUCCESS, entry.accounts);
      return entry.prepared;
    }
    return matches.length === 0 ? this.empty : prepareResult(SUCCESS, matches);
  }
}
