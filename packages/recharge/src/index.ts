export type { RechargeQueryInput, RechargeAccount, RechargeAccountQuery } from './query-types';
export { normalizeCardId, validateRechargeQuery } from './query';
export { foldFullWidth, normalizeOutId, MAX_OUT_ID_LENGTH } from './normalize';
export { getRechargeAccount } from './get-account';
export { RechargeQueryError, RechargeBizError, RechargeNotFoundError, RechargeResponseError } from './errors';
