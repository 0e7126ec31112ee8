import { TopAbortError, TopTransportError, excerptOf } from './errors';
import { buildTopParams, encodeForm, type SystemParams } from './params';
import { parseTopResponse } from './parse';
import { signTopParams, SIGN_METHODS } from './sign';
import { formatTopTimestamp } from './timestamp';
import type { TopTransport } from './transport';
import { FetchTransport } from './transport-fetch';
import { UndiciTransport } from './transport-undici';
import type { TopCallOptions, TopClientOptions, TopExecutor, TopParamValue, TopResponse } from './types';

const DEFAULT_TIMEOUT_MS = 8000;
/** Sent as `partner_id`, like the Java SDK sends its version (docs/TOP-PROTOCOL.md §2). */
const DEFAULT_PARTNER_ID = 'balance-desk-0.1.0';

function checkTimeout(ms: number, what: string): number {
  if (!Number.isFinite(ms) || ms <= 0)
    throw new RangeError(`${what} must be a positive number of milliseconds`);
  return ms;
}

/**
 * A TOP client for any method: signs, POSTs the form, parses JSON or XML, throws typed errors.
 * Secrets live in private fields, so neither `console.log(client)` nor an inspector shows them.
 */
export class TopClient implements TopExecutor {
  readonly #secret: string;
  readonly #system: SystemParams;
  readonly #timeoutMs: number;
  readonly #now: () => Date;
  readonly #transport: TopTransport;
  /** Timestamp cache: formatting once per second instead of per call. */
  #stampSecond = Number.NaN;
  #stamp = '';

  constructor(options: TopClientOptions) {
    if (!options.appKey) throw new TypeError('TopClient: appKey is required');
    if (!options.appSecret) throw new TypeError('TopClient: appSecret is required');
    let url: URL;
    try {
      url = new URL(options.gatewayUrl);
    } catch {
      throw new TypeError('TopClient: gatewayUrl is not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new TypeError('TopClient: gatewayUrl must be http(s)');
    const signMethod = options.signMethod ?? 'hmac-sha256';
    if (!SIGN_METHODS.includes(signMethod))
      throw new TypeError(`TopClient: unsupported signMethod ${String(signMethod)}`);
    const format = options.format ?? 'json';
    if (format !== 'json' && format !== 'xml')
      throw new TypeError(`TopClient: unsupported format ${String(format)}`);
    this.#secret = options.appSecret;
    this.#system = {
      appKey: options.appKey,
      signMethod,
      format,
      simplify: format === 'json' && (options.simplify ?? true),
      session: options.session || undefined,
      partnerId: options.partnerId ?? DEFAULT_PARTNER_ID,
    };
    this.#timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs');
    this.#now = options.now ?? (() => new Date());
    this.#transport = options.fetch
      ? new FetchTransport(url, options.fetch)
      : new UndiciTransport(url, options.network);
  }

  /**
   * Calls one TOP method. Rejects with TopApiError (`error_response`), TopTransportError (socket
   * failure or non-2xx), TopTimeoutError, TopAbortError or TopResponseError (not a TOP envelope).
   */
  async execute(
    method: string,
    params: Record<string, TopParamValue>,
    options?: TopCallOptions,
  ): Promise<TopResponse> {
    const signal = options?.signal;
    if (signal?.aborted) throw new TopAbortError();
    const timeoutMs =
      options?.timeoutMs === undefined ? this.#timeoutMs : checkTimeout(options.timeoutMs, 'timeoutMs');
    if (!method) throw new TypeError('TopClient.execute: method is required');

    const wire = buildTopParams(method, params, this.#system, this.#timestamp());
    const sign = signTopParams(wire, this.#secret, this.#system.signMethod);
    wire.sign = sign;
    const secrets = [this.#secret, this.#system.session, sign];
    const raw = await this.#transport.post(encodeForm(wire), signal, timeoutMs, secrets);
    if (raw.status < 200 || raw.status > 299) {
      const excerpt = excerptOf(raw.text, secrets);
      throw new TopTransportError(`TOP gateway answered HTTP ${raw.status}${excerpt ? `: ${excerpt}` : ''}`, {
        status: raw.status,
      });
    }
    return parseTopResponse(raw.text, raw.contentType, { method, simplify: this.#system.simplify, secrets });
  }

  /** Destroys the keep-alive sockets (in-flight calls fail); later calls reject with ERR_TOP_CLIENT_CLOSED. */
  close(): void {
    this.#transport.close();
  }

  #timestamp(): string {
    const ms = this.#now().getTime();
    const second = Math.floor(ms / 1000);
    if (second !== this.#stampSecond) {
      this.#stamp = formatTopTimestamp(new Date(ms));
      this.#stampSecond = second;
    }
    return this.#stamp;
  }
}
