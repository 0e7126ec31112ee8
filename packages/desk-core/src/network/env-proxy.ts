import type { ProxyResolver } from '../ports';
import { isLoopbackHost } from '../storage/settings/gateway';

/**
 * The system proxy outside Electron (the web preview, tests, a Node service): the conventional
 * `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` variables, answered in PAC form like Electron's
 * `session.resolveProxy()`. Credentials in such a URL are not used: proxy credentials live in the
 * vault (settings "proxy credentials").
 */
export function envProxyResolver(
  env: Readonly<Record<string, string | undefined>> = process.env,
): ProxyResolver {
  const pick = (...names: string[]): string => {
    for (const name of names) {
      const value = env[name]?.trim();
      if (value) return value;
    }
    return '';
  };
  return {
    resolve(url) {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return Promise.resolve('DIRECT');
      }
      const proxy =
        target.protocol === 'https:'
          ? pick('HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy')
          : pick('HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy');
      if (proxy === '' || bypassed(target, pick('NO_PROXY', 'no_proxy'))) return Promise.resolve('DIRECT');
      try {
        const parsed = new URL(proxy.includes('://') ? proxy : `http://${proxy}`);
        const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
        const type = parsed.protocol === 'https:' ? 'HTTPS' : parsed.protocol === 'http:' ? 'PROXY' : '';
        return Promise.resolve(type ? `${type} ${parsed.hostname}:${port}` : 'DIRECT');
      } catch {
        return Promise.resolve('DIRECT');
      }
    },
  };
}

/** `NO_PROXY`: `*`, or names matched as the host or a suffix of it (`example.com`, `.example.com`), optionally with `:port`. */
function bypassed(target: URL, noProxy: string): boolean {
  if (isLoopbackHost(target.hostname)) return true;
  const host = target.hostname.toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const [name = '', entryPort] = entry.startsWith('[') ? [entry] : entry.split(':');
    if (entryPort !== undefined && entryPort !== port) continue;
    const bare = name.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}
