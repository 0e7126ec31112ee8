export { signTopParams, topSignBase, SIGN_METHODS, type SignMethod } from './sign';
export { formatTopTimestamp, parseTopTimestamp } from './timestamp';
export {
  TopError,
  TopApiError,
  TopTransportError,
  TopTimeoutError,
  TopAbortError,
  TopResponseError,
  redact,
  excerptOf,
  type TopApiErrorFields,
  type TopResponseErrorKind,
} from './errors';
export type {
  TopFormat,
  TopParamValue,
  TopClientOptions,
  TopCallOptions,
  TopResponse,
  TopExecutor,
} from './types';
export { TopClient, DEFAULT_TIMEOUT_MS, DEFAULT_PARTNER_ID } from './client';
export { MAX_RESPONSE_BYTES } from './transport';
export {
  PROXY_AUTH_REQUIRED,
  PROXY_REFUSED,
  PROXY_UNREACHABLE,
  type TopNetworkOptions,
  type TopProxy,
} from './connector';
export { responseKey } from './params';
export { parseTopResponse, type ParseContext } from './parse';
