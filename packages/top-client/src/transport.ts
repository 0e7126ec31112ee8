import { PEER_ISSUER, PROXY_UNREACHABLE } from './connector';
import { TopResponseError, TopTransportError, redact } from './errors';

/** Bodies beyond this are refused: a balance answer is a few hundred bytes, 1 MiB is a broken gateway. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded;charset=utf-8';

/** An HTTP answer, fully read, not yet interpreted. */
export interface RawResponse {
  status: number;
  /** Lower-case `content-type` header, '' when absent. */
  contentType: string;
  text: string;
}

/**
 * Moves one form body to the gateway and back. It settles with exactly one of: a RawResponse,
 * TopTimeoutError, TopAbortError, TopTransportError (socket-level) or TopResponseError('oversized');
 * on timeout, abort and oversize the request is torn down for real (socket destroyed).
 */
export interface TopTransport {
  /** `secrets` (secret, session, this call's sign) must not survive in any error it produces. */
  post(
    body: string,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    secrets: readonly (string | undefined)[],
  ): Promise<RawResponse>;
  close(): void;
}

export function oversizedError(): TopResponseError {
  return new TopResponseError(
    `TOP response larger than ${MAX_RESPONSE_BYTES} bytes (oversized), reading stopped`,
    '',
    false,
    'oversized',
  );
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate cannot be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS certificate issuer is unknown',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'answer length differs from its content-length',
  UND_ERR_HEADERS_OVERFLOW: 'answer headers too large',
  ERR_PROXY_UNREACHABLE: 'the proxy cannot be reached',
  ERR_PROXY_AUTH_REQUIRED: 'the proxy requires authentication (407)',
  ERR_PROXY_REFUSED: 'the proxy refused the connection',
};

/**
 * undici (our default transport and global fetch) wraps or renames socket failures. A Node code
 * anywhere in the chain (ECONNREFUSED, ECONNRESET, a TLS certificate code) wins; undici's own
 * codes are translated only when nothing more precise is underneath. Callers get one vocabulary.
 */
const UNDICI_CODES: Readonly<Record<string, string>> = {
  // The server closed the connection (FIN) before or while answering.
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CLOSED: 'ECONNRESET',
  UND_ERR_CONNECT_TIMEOUT: 'ETIMEDOUT',
};

function codeOf(err: unknown, depth = 0): string | undefined {
  if (typeof err !== 'object' || err === null || depth > 3) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && !code.startsWith('UND_ERR')) return code;
  // fetch wraps the socket error as TypeError('fetch failed', { cause }); undici's errors may carry one too.
  const inner = codeOf((err as { cause?: unknown }).cause, depth + 1);
  if (inner !== undefined) return inner;
  return typeof code === 'string' ? (UNDICI_CODES[code] ?? code) : undefined;
}

/** A property set by the connector (proxy status, certificate issuer) somewhere in the chain. */
function fieldOf<T>(err: unknown, key: string, type: 'number' | 'string', depth = 0): T | undefined {
  if (typeof err !== 'object' || err === null || depth > 3) return undefined;
  const value = (err as Record<string, unknown>)[key];
  if (typeof value === type) return value as T;
  return fieldOf<T>((err as { cause?: unknown }).cause, key, type, depth + 1);
}

/**
 * A socket-level failure as a TopTransportError. The message is built from the error code only;
 * the original error stays as `cause` (Node's socket errors carry host and port, never the form body).
 */
export function toTransportError(err: unknown, cause: unknown = err): TopTransportError {
  const code = codeOf(err);
  const proxyStatus = fieldOf<number>(err, 'proxyStatus', 'number');
  const peerIssuer = fieldOf<string>(err, PEER_ISSUER, 'string');
  let what = code === undefined ? 'network error' : `${DESCRIPTIONS[code] ?? 'network error'} (${code})`;
  if (proxyStatus !== undefined) what += `, proxy answered ${proxyStatus}`;
  if (code === PROXY_UNREACHABLE) {
    const inner = codeOf((err as { cause?: unknown }).cause);
    if (inner !== undefined) what += `: ${DESCRIPTIONS[inner] ?? 'network error'} (${inner})`;
  }
  if (peerIssuer !== undefined) what += `, certificate issued by ${peerIssuer}`;
  return new TopTransportError(`cannot reach the TOP gateway: ${what}`, {
    ...(code === undefined ? {} : { causeCode: code }),
    cause,
    proxyStatus,
    peerIssuer,
  });
}

/**
 * A redacted copy of an error chain (message and code, three levels deep) for errors from code we
 * do not control, such as an injected fetch that might quote the request it was given.
 */
export function scrubbedCause(
  err: unknown,
  secrets: readonly (string | undefined)[],
  depth = 0,
): Error | undefined {
  if (!(err instanceof Error) || depth > 2) return undefined;
  const inner = scrubbedCause(err.cause, secrets, depth + 1);
  const copy = new Error(redact(err.message, secrets), inner === undefined ? undefined : { cause: inner });
  copy.name = err.name;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  return copy;
}

export function closedClientError(): TopTransportError {
  return new TopTransportError('TopClient is closed', { causeCode: 'ERR_TOP_CLIENT_CLOSED' });
}
