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
  type TopApiErrorFields,
} from './errors';
export type { TopFormat, TopParamValue, TopClientOptions, TopCallOptions, TopResponse, TopExecutor } from './types';
