export const RECHARGE_ACCOUNT_GET = 'alibaba.alsc.crm.recharge.account.get';

/*
 * The request's three choices (docs/TOP-PROTOCOL.md §5 "Request"): exactly one target, one brand id,
 * one shop id. The `?: never` members make the unions exclusive, so TS rejects a query that names
 * two targets (or both brand ids) instead of silently accepting the extra property.
 */
type ByAccount = { accountId: string; cardId?: never; customerId?: never };
type ByCard = { cardId: string; accountId?: never; customerId?: never };
type ByCustomer = { customerId: string; accountId?: never; cardId?: never };
type ByBrand = { brandId: string; outBrandId?: never };
type ByOutBrand = { outBrandId: string; brandId?: never };
type ByShop = { shopId: string; outShopId?: never };
type ByOutShop = { outShopId: string; shopId?: never };

export type RechargeAccountQuery = (ByAccount | ByCard | ByCustomer) &
  (ByBrand | ByOutBrand) &
  (ByShop | ByOutShop);

/** The loose shape validated at run time (settings, IPC payloads, form fields). */
export interface RechargeQueryInput {
  accountId?: string;
  cardId?: string;
  customerId?: string;
  brandId?: string;
  outBrandId?: string;
  shopId?: string;
  outShopId?: string;
}

export type QueryIssueCode =
  | 'missing-brand'
  | 'missing-shop'
  | 'missing-target'
  | 'ambiguous-brand'
  | 'ambiguous-shop'
  | 'ambiguous-target'
  | 'card-empty'
  | 'card-too-long'
  | 'card-invalid-chars'
  | 'id-invalid';

export interface QueryIssue {
  field: keyof RechargeQueryInput | 'query';
  code: QueryIssueCode;
  /** English, for logs; never echoes the value. The UI translates `code`. */
  message: string;
}

/** One stored-value account, in the cashier's words. Amounts are integer minor units (fen). */
export interface RechargeAccount {
  accountId: string;
  cardId: string;
  customerId?: string;
  optPlanId?: string;
  deleted: boolean;
  usable: number;
  real: number;
  realTotal: number;
  gift: number;
  giftTotal: number;
  preStored: number;
  preStoredTotal: number;
  createdAt?: Date;
  modifiedAt?: Date;
}
