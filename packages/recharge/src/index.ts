export {
  RECHARGE_ACCOUNT_GET,
  type RechargeAccountQuery,
  type RechargeQueryInput,
  type QueryIssueCode,
  type QueryIssue,
  type RechargeAccount,
} from './query-types';
export { normalizeCardId, validateRechargeQuery, buildRechargeParams } from './query';
export { foldFullWidth, normalizeOutId, MAX_OUT_ID_LENGTH, type Normalized } from './normalize';
export { parseRechargeResponse } from './parse';
export { getRechargeAccount, type RechargeAccountAnswer, type RechargeCallOptions } from './get-account';
export {
  RechargeError,
  RechargeQueryError,
  RechargeBizError,
  RechargeNotFoundError,
  RechargeResponseError,
  type RechargeBizErrorFields,
} from './errors';
