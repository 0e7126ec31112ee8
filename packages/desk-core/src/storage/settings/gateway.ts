import { GATEWAY_URLS, type GatewayKind } from '@balance-desk/contract';
import type { Settings } from '../../ports';

/** Every HTTPS address TOP documents for each environment (§1 lists two for production). */
const KNOWN_GATEWAYS: ReadonlyMap<string, Exclude<GatewayKind, 'custom'>> = new Map([
  [GATEWAY_URLS.production, 'production'],
  ['https://gw.api.taobao.com/router/rest', 'production'],
  [GATEWAY_URLS.sandbox, 'sandbox'],
]);

/**
 * Where calls go: the HTTPS TOP gateway for production/sandbox (docs/TOP-PROTOCOL.md §1), the saved
 * URL for custom ('' when none).
 */
export function gatewayUrlFor(settings: Pick<Settings, 'gatewayKind' | 'gatewayUrl'>): string {
  switch (settings.gatewayKind) {
    case 'production':
      return GATEWAY_URLS.production;
    case 'sandbox':
      return GATEWAY_URLS.sandbox;
    case 'custom':
      return settings.gatewayUrl;
  }
}

/** 127.0.0.0/8, `localhost` and `[::1]` — addresses that never leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export type GatewayUrlProblem = 'invalid-url' | 'insecure-url';

/**
 * A gateway URL must be https. Plain http is allowed only to a loopback address (the local
 * sandbox, a signing relay on the same machine): the app secret signs every request and the
 * session key travels in it, so they must not cross a network in clear text.
 */
export function checkGatewayUrl(text: string): GatewayUrlProblem | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'invalid-url';
  }
  // Credentials in the URL would end up in logs and status lines.
  if (url.username !== '' || url.password !== '') return 'invalid-url';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') return isLoopbackHost(url.hostname) ? undefined : 'insecure-url';
  return 'invalid-url';
}

/** A documented TOP gateway maps to its environment; anything else is `custom`. */
export function gatewayKindForUrl(text: string): GatewayKind {
  try {
    const url = new URL(text);
    const key = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
    return KNOWN_GATEWAYS.get(key) ?? 'custom';
  } catch {
    return 'custom';
  }
}

/** The gateway is known or a valid custom URL: a call could be made. */
export function isGatewayResolvable(settings: Pick<Settings, 'gatewayKind' | 'gatewayUrl'>): boolean {
  const url = gatewayUrlFor(settings);
  return url !== '' && checkGatewayUrl(url) === undefined;
}

export type ProxyUrlProblem = 'invalid-proxy-url' | 'proxy-credentials-in-url';

/**
 * A proxy is `http://host:port` (or `https://` for a proxy spoken to over TLS), nothing more:
 * credentials belong in the vault, a path means someone pasted a PAC or gateway address.
 */
export function checkProxyUrl(text: string): ProxyUrlProblem | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'invalid-proxy-url';
  }
  if (url.username !== '' || url.password !== '') return 'proxy-credentials-in-url';
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'invalid-proxy-url';
  if (url.hostname === '' || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    return 'invalid-proxy-url';
  return undefined;
}
