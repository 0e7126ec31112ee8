/** The HTTPS TOP gateways behind the `production` and `sandbox` gateway kinds (docs/TOP-PROTOCOL.md §1). */
export const GATEWAY_URLS = {
  production: 'https://eco.taobao.com/router/rest',
  sandbox: 'https://gw.api.tbsandbox.com/router/rest',
} as const;

/**
 * Why a signed call may not go to a gateway: the stored app secret or session key belongs to
 * another origin (or to none). These are the `not-configured` detail texts of lookups and
 * connection tests; the settings form recognises them.
 */
export const CREDENTIAL_BINDING_PROBLEMS = ['app-secret-other-gateway', 'session-key-other-gateway'] as const;

/**
 * The gateway origin a stored app secret and session key belong to: scheme, host and port,
 * normalised by the WHATWG URL parser (lower-case host, punycode, default port dropped), so
 * `HTTPS://Example.com:443/a` and `https://example.com/b` are the same origin and
 * `http://127.0.0.1:8080` and `http://127.0.0.1:8081` are not. Used by desk-core wherever a
 * secret is stored or a signed call is built, and by the settings form to say when a gateway change
 * needs the secrets again.
 */
export function gatewayOrigin(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.origin;
}
