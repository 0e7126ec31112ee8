import { createHash } from 'node:crypto';
import type { TopNetworkOptions, TopProxy } from '@balance-desk/top-client';
import { gatewayOrigin } from '@balance-desk/contract';
import type { BoundSecret, ProxyResolver, Settings } from '../ports';
import { isLoopbackHost } from '../storage/settings/gateway';
import { parseProxyAnswer } from './proxy-answer';
import { trustedRoots, type RuntimeRoots } from './trust';

/** How a client reaches the gateway, with a short key for the client cache (never the secret itself). */
export interface NetworkRoute extends TopNetworkOptions {
  key: string;
}

export interface RouteInputs {
  settings: Pick<Settings, 'proxyUrl' | 'caCertificates'>;
  gatewayUrl: string;
  /**
   * `user:password` from the vault with the proxy origin it was entered for; read only when a
   * proxy is used, and sent only to that proxy.
   */
  proxyCredentials?: (() => Promise<BoundSecret | undefined>) | undefined;
  /** The system proxy (Electron: the session's; elsewhere the environment's). */
  resolver?: ProxyResolver | undefined;
  /** Tests: the runtime's roots. */
  roots?: RuntimeRoots;
}

function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** `user:password` → the proxy's Basic credentials; the first colon separates them. */
function splitCredentials(text: string | undefined): Pick<TopProxy, 'username' | 'password'> {
  if (!text) return {};
  const at = text.indexOf(':');
  return at === -1
    ? { username: text, password: '' }
    : { username: text.slice(0, at), password: text.slice(at + 1) };
}

/**
 * The proxy and roots for one gateway URL. A proxy set in settings wins; otherwise the system's
 * answer is followed; a loopback gateway (the local sandbox, a signing relay) is always reached
 * directly. A resolver that fails counts as DIRECT, the way Chromium treats a broken PAC script.
 */
export async function networkRoute(inputs: RouteInputs): Promise<NetworkRoute | undefined> {
  const ca = trustedRoots(inputs.settings.caCertificates, inputs.roots);
  let proxyUrl = '';
  if (!isLoopbackHost(hostnameOf(inputs.gatewayUrl))) {
    proxyUrl = inputs.settings.proxyUrl;
    if (proxyUrl === '' && inputs.resolver) {
      const answer = await inputs.resolver.resolve(inputs.gatewayUrl).catch(() => 'DIRECT');
      const choice = parseProxyAnswer(typeof answer === 'string' ? answer : 'DIRECT');
      if (choice.kind === 'proxy') proxyUrl = choice.url;
    }
  }
  if (ca === undefined && proxyUrl === '') return undefined;
  // Credentials go only to the proxy they were entered for: a proxy typed into a draft, saved
  // without entering them again, or answered by the system (a PAC file, an environment variable)
  // could otherwise collect the store's proxy password.
  const stored = proxyUrl === '' ? undefined : await inputs.proxyCredentials?.();
  const credentials =
    stored?.origin !== undefined && stored.origin === gatewayOrigin(proxyUrl) ? stored.value : undefined;
  const proxy: TopProxy | undefined =
    proxyUrl === '' ? undefined : { url: proxyUrl, ...splitCredentials(credentials) };
  const key = createHash('sha256')
    .update(JSON.stringify([proxyUrl, credentials ?? '', inputs.settings.caCertificates, ca?.length ?? 0]))
    .digest('hex');
  return { key, ...(proxy ? { proxy } : {}), ...(ca ? { ca } : {}) };
}
