/**
 * Typed errors of a TOP call. Every one says whether retrying the same request may help
 * (docs/TOP-PROTOCOL.md §4 "Classification and retry"). None ever carries the app secret, the
 * session key or the `sign` value: messages are built only from gateway answers and our own text,
 * and `redact()` scrubs anything that echoes a request back.
 */
export abstract class TopError extends Error {
  abstract readonly retriable: boolean;
  override get name(): string {
    return this.constructor.name;
  }
}

export interface TopApiErrorFields {
  code: number;
  msg: string;
  subCode?: string | undefined;
  subMsg?: string | undefined;
  requestId?: string | undefined;
}

/** The gateway answered with `error_response`. */
export class TopApiError extends TopError {
  readonly code: number;
  readonly msg: string;
  readonly subCode: string | undefined;
  readonly subMsg: string | undefined;
  readonly requestId: string | undefined;

  constructor(fields: TopApiErrorFields) {
    const sub = fields.subCode ? ` ${fields.subCode}${fields.subMsg ? ` (${fields.subMsg})` : ''}` : '';
    super(`TOP error ${fields.code}: ${fields.msg}${sub}`);
    this.code = fields.code;
    this.msg = fields.msg;
    this.subCode = fields.subCode;
    this.subMsg = fields.subMsg;
    this.requestId = fields.requestId;
  }

  /** `isp.*` server faults, 7 (call limit, after its window) and 10 (service unavailable) may be retried; `isv.*` never unchanged. */
  get retriable(): boolean {
    if (this.subCode?.startsWith('isv.')) return false;
    if (this.subCode?.startsWith('isp.')) return true;
    return this.code === 7 || this.code === 10;
  }
}

/** TLS failures that no retry of the same request can fix: the certificate or the machine's trust store must change. */
const TLS_CERT_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export interface TopTransportErrorOptions {
  status?: number;
  causeCode?: string;
  cause?: unknown;
  proxyStatus?: number | undefined;
  peerIssuer?: string | undefined;
}

/** The request never got an HTTP answer (DNS, refused, reset, TLS, proxy), or the answer was an HTTP error status. */
export class TopTransportError extends TopError {
  /** HTTP status when the gateway answered non-2xx; undefined for socket-level failures. */
  readonly status: number | undefined;
  /**
   * Node's error code (`ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`…) when there is one, or
   * one of the proxy codes (`ERR_PROXY_UNREACHABLE`, `ERR_PROXY_AUTH_REQUIRED`, `ERR_PROXY_REFUSED`).
   */
  readonly causeCode: string | undefined;
  /** The proxy's answer to CONNECT when it refused the tunnel (407, 403, 502…). */
  readonly proxyStatus: number | undefined;
  /** For a refused certificate: its issuer (`CN=…, O=…`), so IT recognises an inspection CA. */
  readonly peerIssuer: string | undefined;
  constructor(message: string, options: TopTransportErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.causeCode = options.causeCode;
    this.proxyStatus = options.proxyStatus;
    this.peerIssuer = options.peerIssuer;
  }

  /**
   * Socket failures and 5xx/408/429 may pass on retry; other 4xx statuses, certificate faults, a
   * closed client and a proxy that refuses the tunnel (unless its answer is a 5xx) will not.
   */
  get retriable(): boolean {
    if (this.status !== undefined) return this.status >= 500 || this.status === 408 || this.status === 429;
    if (this.proxyStatus !== undefined) return this.proxyStatus >= 500;
    if (this.causeCode === undefined) return true;
    return !TLS_CERT_CODES.has(this.causeCode) && this.causeCode !== 'ERR_TOP_CLIENT_CLOSED';
  }
}

/** No complete answer within the client's timeout. */
export class TopTimeoutError extends TopError {
  readonly retriable = true;
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`no answer from the TOP gateway within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller aborted the request (a newer scan superseded it). Not an outcome anyone shows. */
export class TopAbortError extends TopError {
  readonly retriable = false;
  constructor() {
    super('TOP request aborted');
  }
}

/** Why an HTTP answer was not a usable TOP envelope. */
export type TopResponseErrorKind = 'html' | 'malformed' | 'truncated' | 'oversized' | 'shape';

/** An HTTP answer that is not a TOP envelope: HTML, malformed/truncated JSON or XML, oversized, wrong shape. */
export class TopResponseError extends TopError {
  readonly retriable: boolean;
  /** A short, redacted excerpt of the body for support. */
  readonly excerpt: string;
  readonly kind: TopResponseErrorKind;
  constructor(message: string, excerpt: string, retriable = false, kind: TopResponseErrorKind = 'shape') {
    super(`${message}${excerpt ? `: ${excerpt}` : ''}`);
    this.excerpt = excerpt;
    this.retriable = retriable;
    this.kind = kind;
  }
}

/**
 * Replaces every occurrence of the given secrets (and a `sign=` value) with `***`, both raw and
 * URL-encoded, since a gateway or proxy page may echo the form body back.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    out = out.split(secret).join('***');
    let encoded = secret;
    try {
      encoded = encodeURIComponent(secret);
    } catch {
      // A lone surrogate cannot be URL-encoded, so it was never sent encoded either.
    }
    if (encoded !== secret) out = out.split(encoded).join('***');
  }
  return out.replace(/(["']?sign["']?\s*[:=]\s*["']?)[0-9A-Fa-f]{16,}/g, '$1***');
}

/** Longest body excerpt an error may carry. */
const EXCERPT_MAX_CHARS = 120;

/**
 * A support-friendly excerpt of a body: secrets removed from the WHOLE text first (so a secret cut
 * in half at the edge cannot leak a prefix), whitespace collapsed, then at most 120 characters.
 */
export function excerptOf(text: string, secrets: readonly (string | undefined)[]): string {
  const clean = redact(text, secrets).replace(/\s+/g, ' ').trim();
  return clean.length <= EXCERPT_MAX_CHARS ? clean : `${clean.slice(0, EXCERPT_MAX_CHARS - 1)}…`;
}
