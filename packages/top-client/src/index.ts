export { signTopParams, type SignMethod } from './sign';
export { formatTopTimestamp, parseTopTimestamp } from './timestamp';
export { TopApiError, TopTransportError, TopTimeoutError, TopAbortError, TopResponseError } from './errors';
export type { TopParamValue, TopClientOptions, TopCallOptions, TopResponse, TopExecutor } from './types';
export { TopClient } from './client';
export {
  PROXY_AUTH_REQUIRED,
  PROXY_REFUSED,
  PROXY_UNREACHABLE,
  type TopNetworkOptions,
  type TopProxy,
} from './connector';
