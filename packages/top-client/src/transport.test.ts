import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import { toTransportError } from './transport';

/** A Node socket error as `net`/`tls` raise it. */
const nodeError = (code: string): Error => Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });

/** Failures that loopback cannot produce on demand (a connect timeout, a wrapped reset), with undici's real error classes. */
describe('toTransportError', () => {
  it.each([
    ['a plain Node code', nodeError('ECONNREFUSED'), 'ECONNREFUSED', true],
    [
      "undici's SocketError (server closed the connection)",
      new errors.SocketError('other side closed'),
      'ECONNRESET',
      true,
    ],
    ["undici's ConnectTimeoutError", new errors.ConnectTimeoutError(), 'ETIMEDOUT', true],
    [
      'a Node code under an undici error',
      Object.assign(new errors.SocketError('closed'), { cause: nodeError('EPIPE') }),
      'EPIPE',
      true,
    ],
    [
      'a TLS code under fetch and undici wrappers',
      new TypeError('fetch failed', {
        cause: Object.assign(new errors.SocketError('tls'), { cause: nodeError('CERT_HAS_EXPIRED') }),
      }),
      'CERT_HAS_EXPIRED',
      false,
    ],
    [
      'an undici code without a translation',
      new errors.ResponseContentLengthMismatchError(),
      'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
      true,
    ],
  ])('names %s', (_label, err, causeCode, retriable) => {
    const mapped = toTransportError(err);
    expect(mapped).toMatchObject({ causeCode, retriable, status: undefined, cause: err });
    expect(mapped.message).toContain(`(${causeCode})`);
    expect(mapped.message).not.toContain('network error (');
  });

  it('keeps an error without any code as a retriable network error', () => {
    const mapped = toTransportError(new Error('something odd'));
    expect(mapped).toMatchObject({ causeCode: undefined, retriable: true });
    expect(mapped.message).toBe('cannot reach the TOP gateway: network error');
  });
});
