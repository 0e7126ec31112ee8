import { isIP } from 'node:net';
import { createSecureContext, type PeerCertificate, type SecureContext, type TLSSocket } from 'node:tls';
import { Client, buildConnector } from 'undici';

/** An HTTP proxy the gateway is reached through, with a CONNECT tunnel (TLS stays end to end). */
export interface TopProxy {
  /** `http://host:port`; credentials are given separately, never in the URL. */
  url: string;
  username?: string | undefined;
  password?: string | undefined;
}

/** How the client reaches the gateway when that is not "directly, trusting Node's bundled roots". */
export interface TopNetworkOptions {
  /** Tunnel through this HTTP proxy. */
  proxy?: TopProxy | undefined;
  /**
   * The complete set of PEM root certificates to trust for the gateway, replacing the runtime's
   * default set (so include it when adding to it). Verification itself is never turned off.
   */
  ca?: readonly string[] | undefined;
}

/** Same as undici's default: a connection (proxy tunnel included) must be up within 10 s. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Error codes of our own for the proxy leg, next to Node's socket and TLS codes. */
export const PROXY_UNREACHABLE = 'ERR_PROXY_UNREACHABLE';
export const PROXY_AUTH_REQUIRED = 'ERR_PROXY_AUTH_REQUIRED';
export const PROXY_REFUSED = 'ERR_PROXY_REFUSED';

/** A failure of the proxy leg: the proxy did not answer, or answered the CONNECT with other than 200. */
class ProxyConnectError extends Error {
  readonly code: string;
  /** The proxy's answer to CONNECT (407, 403, 502…); undefined when it could not be reached. */
  readonly proxyStatus: number | undefined;
  constructor(code: string, message: string, proxyStatus?: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ProxyConnectError';
    this.code = code;
    this.proxyStatus = proxyStatus;
  }
}

/** `CN=Corp Inspection CA, O=Contoso` — what IT recognises a TLS-inspecting proxy's root by. */
function describeIssuer(cert: PeerCertificate | undefined): string | undefined {
  const issuer = cert?.issuer as Partial<Record<string, string | string[]>> | undefined;
  if (!issuer) return undefined;
  const parts: string[] = [];
  for (const key of ['CN', 'O', 'OU'] as const) {
    const value = issuer[key];
    if (value !== undefined) parts.push(`${key}=${Array.isArray(value) ? value.join('+') : value}`);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** Where a TLS failure keeps the presented certificate's issuer (see `withIssuer`). */
export const PEER_ISSUER = 'peerIssuer';

type Connect = buildConnector.connector;

/**
 * Wraps a connector so that a TLS failure (untrusted root, host-name mismatch) carries the
 * presented certificate's issuer. The certificate is read at the `secure` event, which fires with
 * the handshake done and before Node checks the chain and destroys the socket; nothing is sent
 * on an unverified socket, verification stays Node's own.
 */
function withIssuer(connect: Connect): Connect {
  return (options, callback) => {
    let issuer: string | undefined;
    // undici's connector returns the socket it opened, although its type says void.
    const socket = connect(options, (err, sock) => {
      if (err && issuer !== undefined) Object.defineProperty(err, PEER_ISSUER, { value: issuer });
      // undici's callback takes `[null, Socket] | [Error, null]`; tsc needs the cast the lint rule calls unnecessary.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      callback(err, sock as never);
    }) as unknown as TLSSocket | undefined;
    if (options.protocol === 'https:' && typeof socket?.prependOnceListener === 'function') {
      socket.prependOnceListener('secure', () => {
        try {
          issuer = describeIssuer(socket.getPeerCertificate());
        } catch {
          // Best effort: the verdict is Node's either way.
        }
      });
    }
  };
}

/**
 * The connector for the gateway's pool: undici's own, wrapped to name the issuer of a refused
 * certificate, with the extra roots when given, through the proxy when given. It runs once per new
 * connection only; keep-alive calls never pass through it.
 */
export function gatewayConnector(network: TopNetworkOptions | undefined): {
  connect: Connect;
  close: () => void;
} {
  const tlsOptions =
    network?.ca === undefined ? {} : { secureContext: createSecureContext({ ca: [...network.ca] }) };
  const direct = withIssuer(buildConnector(tlsOptions));
  const proxy = network?.proxy;
  if (proxy === undefined) return { connect: direct, close: () => undefined };
  return tunnel(proxy, direct, tlsOptions);
}

/**
 * A CONNECT tunnel through an HTTP proxy, then TLS to the gateway over it (undici's ProxyAgent does
 * the same, but reports a refused CONNECT only as text; here each leg fails with its own code).
 */
function tunnel(
  proxy: TopProxy,
  direct: Connect,
  tlsOptions: { secureContext?: SecureContext },
): { connect: Connect; close: () => void } {
  const proxyUrl = new URL(proxy.url);
  const headers: Record<string, string> = {};
  if (proxy.username !== undefined && proxy.username !== '') {
    const pair = `${proxy.username}:${proxy.password ?? ''}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  }
  // An `https://` proxy is verified against the same roots as the gateway (often the same company CA).
  // undici takes the TLS server name from the Host header, which for CONNECT names the gateway: an
  // https:// proxy is verified as itself (by name; an IP address is matched without the header).
  const proxyTls = proxyUrl.protocol === 'https:';
  const sni = proxyTls && !isIP(proxyUrl.hostname) ? { servername: proxyUrl.hostname } : {};
  const client = new Client(proxyUrl.origin, { connect: { timeout: CONNECT_TIMEOUT_MS, ...tlsOptions } });
  const connect: Connect = (options, callback) => {
    const cb = callback;
    const port = options.port || (options.protocol === 'https:' ? '443' : '80');
    const authority = `${options.hostname.includes(':') ? `[${options.hostname}]` : options.hostname}:${port}`;
    client
      .connect({
        path: authority,
        headers: proxyTls && isIP(proxyUrl.hostname) ? headers : { ...headers, host: authority },
        signal: AbortSignal.timeout(CONNECT_TIMEOUT_MS),
        ...sni,
      })
      .then(
        ({ statusCode, socket }) => {
          if (statusCode !== 200) {
            socket.on('error', () => undefined).destroy();
            const code = statusCode === 407 ? PROXY_AUTH_REQUIRED : PROXY_REFUSED;
            cb(new ProxyConnectError(code, `proxy answered CONNECT with ${statusCode}`, statusCode), null);
            return;
          }
          if (options.protocol !== 'https:') {
            cb(null, socket as never);
            return;
          }
          direct({ ...options, httpSocket: socket as never }, callback);
        },
        (err: unknown) => {
          cb(new ProxyConnectError(PROXY_UNREACHABLE, 'cannot reach the proxy', undefined, err), null);
        },
      );
  };
  return { connect, close: () => void client.destroy().catch(() => undefined) };
}
