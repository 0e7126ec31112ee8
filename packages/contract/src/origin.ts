/**
 * The gateway origin a stored app secret and session key belong to: scheme, host and port,
 * normalised by the WHATWG URL parser (lower-case host, punycode, default port dropped), so
 * `HTTPS://Example.com:443/a` and `https://example.com/b` are the same origin and
 * `http://127.0.0.1:8080` and `http://127.0.0.1:8081` are not. Used by desk-core wherever a
 * secret is stored or a signed call is built.
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
