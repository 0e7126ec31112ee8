import type { TopNetworkOptions } from './connector';
import type { SignMethod } from './sign';

export type TopFormat = 'json' | 'xml';

/** A business parameter value: objects/arrays are sent as one compact JSON string (docs/TOP-PROTOCOL.md §2.2). */
export type TopParamValue = string | number | bigint | boolean | object | null | undefined;

export interface TopClientOptions {
  appKey: string;
  appSecret: string;
  /** e.g. `https://eco.taobao.com/router/rest` or a local sandbox `http://127.0.0.1:PORT/router/rest`. */
  gatewayUrl: string;
  /** Default `hmac-sha256`, the current official SDK default. */
  signMethod?: SignMethod;
  /** Default `json` (sent with `simplify=true`). */
  format?: TopFormat;
  /** Default true when format is json. */
  simplify?: boolean;
  /** Merchant authorization token (TOP `session`), optional for this API. */
  session?: string | undefined;
  /** Per-call timeout; default 8000 ms. */
  timeoutMs?: number;
  /** Inject a fetch-compatible transport (tests, a signing relay); default is an undici keep-alive Pool. */
  fetch?: typeof globalThis.fetch;
  /** Proxy and trusted roots for the default transport (ignored with `fetch`); default direct, Node's roots. */
  network?: TopNetworkOptions | undefined;
  /** Sent as `partner_id`; default `balance-desk-<version>`. */
  partnerId?: string;
  /** Clock for the `timestamp` parameter (tests); default `() => new Date()`. */
  now?: () => Date;
}

export interface TopCallOptions {
  signal?: AbortSignal | undefined;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number | undefined;
}

/** A successful TOP answer, envelope removed. */
export interface TopResponse {
  /**
   * The response object itself: the simplified-JSON root, the value under `<method>_response`
   * for standard JSON, or the root element's children for XML (XML leaves stay strings, repeated
   * elements become arrays). JSON integers beyond Number.MAX_SAFE_INTEGER arrive as decimal strings.
   */
  body: Record<string, unknown>;
  requestId: string | undefined;
}

/** What an API package needs from a client: the recharge package depends on this, not on TopClient. */
export interface TopExecutor {
  execute(
    method: string,
    params: Record<string, TopParamValue>,
    options?: TopCallOptions,
  ): Promise<TopResponse>;
}
