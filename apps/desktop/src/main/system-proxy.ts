import type { ProxyResolver } from '@balance-desk/desk-core';

/** The part of Electron's Session that knows the system proxy (settings, PAC script, WPAD). */
export interface ProxySession {
  resolveProxy(url: string): Promise<string>;
}

/**
 * The system proxy as Chromium sees it, for the gateway URL: `PROXY host:port; DIRECT` and the like.
 * desk-core parses the answer; a session that fails to answer counts as DIRECT there.
 */
export function sessionProxyResolver(session: ProxySession): ProxyResolver {
  return { resolve: (url) => session.resolveProxy(url) };
}
