/**
 * The system's proxy choice arrives in PAC form, as Chromium's `session.resolveProxy()` gives it:
 * `PROXY host:port; DIRECT`, tried left to right. We take the first entry we can use.
 */

export type ProxyChoice = { kind: 'direct' } | { kind: 'proxy'; url: string };

const DIRECT: ProxyChoice = { kind: 'direct' };

/** `host:port` with a host of letters, digits, dots, dashes, or a bracketed IPv6 address. */
const HOST_PORT = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):(\d{1,5})$/i;

/**
 * The first usable entry: `PROXY`/`HTTP` (an HTTP proxy) or `HTTPS` (a proxy spoken to over TLS);
 * `DIRECT` means no proxy. SOCKS entries are skipped (the transport tunnels with HTTP CONNECT
 * only); an answer with nothing usable is DIRECT, which is what Chromium itself falls back to.
 */
export function parseProxyAnswer(answer: string): ProxyChoice {
  for (const entry of answer.split(';')) {
    const [type = '', target = '', ...rest] = entry.trim().split(/\s+/);
    const kind = type.toUpperCase();
    if (kind === 'DIRECT') return DIRECT;
    if (rest.length > 0 || !HOST_PORT.test(target)) continue;
    const port = Number(target.slice(target.lastIndexOf(':') + 1));
    if (port < 1 || port > 65_535) continue;
    if (kind === 'PROXY' || kind === 'HTTP') return { kind: 'proxy', url: `http://${target.toLowerCase()}` };
    if (kind === 'HTTPS') return { kind: 'proxy', url: `https://${target.toLowerCase()}` };
  }
  return DIRECT;
}
