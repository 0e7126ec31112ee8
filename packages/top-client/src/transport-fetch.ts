import { TopAbortError, TopError, TopTimeoutError } from './errors';
import {
  FORM_CONTENT_TYPE,
  MAX_RESPONSE_BYTES,
  closedClientError,
  oversizedError,
  scrubbedCause,
  toTransportError,
  type RawResponse,
  type TopTransport,
} from './transport';

/**
 * Transport over an injected fetch (tests, a signing relay, a platform fetch). Timeout and caller
 * abort both abort the fetch's own signal, which makes fetch tear the connection down.
 */
export class FetchTransport implements TopTransport {
  readonly #fetch: typeof globalThis.fetch;
  readonly #url: string;
  #closed = false;

  constructor(url: URL, fetchFn: typeof globalThis.fetch) {
    this.#fetch = fetchFn;
    this.#url = url.href;
  }

  async post(
    body: string,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    secrets: readonly (string | undefined)[],
  ): Promise<RawResponse> {
    if (this.#closed) throw closedClientError();
    const controller = new AbortController();
    let why: 'timeout' | 'abort' | undefined;
    const timer = setTimeout(() => {
      why = 'timeout';
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => {
      why = 'abort';
      controller.abort();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.#fetch(this.#url, {
        method: 'POST',
        headers: { 'content-type': FORM_CONTENT_TYPE },
        body,
        signal: controller.signal,
      });
      const text = await readCapped(response, controller);
      return {
        status: response.status,
        contentType: (response.headers.get('content-type') ?? '').toLowerCase(),
        text,
      };
    } catch (err) {
      if (why === 'timeout') throw new TopTimeoutError(timeoutMs);
      if (why === 'abort') throw new TopAbortError();
      if (err instanceof TopError) throw err;
      throw toTransportError(err, scrubbedCause(err, secrets));
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  close(): void {
    this.#closed = true;
  }
}

/** Reads the body as UTF-8, stopping (and aborting the exchange) past MAX_RESPONSE_BYTES. */
async function readCapped(response: Response, controller: AbortController): Promise<string> {
  if (Number(response.headers.get('content-length')) > MAX_RESPONSE_BYTES) {
    controller.abort();
    throw oversizedError();
  }
  if (response.body === null) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      controller.abort();
      await reader.cancel().catch(() => undefined);
      throw oversizedError();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
