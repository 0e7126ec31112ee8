/**
 * The bridge token as both web preview pages take it (the cashier's `/__bridge.js` and the
 * customer's `/__customer-bridge.js`): one parser, so the two pages cannot disagree on it.
 */
import { BRIDGE_TOKEN_STORAGE_KEY } from '@balance-desk/contract/web-bridge';

/** The parts of `window` that taking the token uses. */
export interface TokenHost {
  location: { hash: string; pathname: string; search: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * The bridge token: taken from the URL fragment (`#token=…`, never sent to a server nor in a
 * Referer; the last one wins, one that does not decode counts as none), kept in sessionStorage and
 * removed from the address bar; on a reload, read back from sessionStorage. Other fragment parts
 * stay. '' when there is none (every call then gets the 401 reply, which the renderer explains).
 */
export function takeBridgeToken(host: TokenHost): string {
  const hash = host.location.hash.replace(/^#/, '');
  let token = '';
  const rest: string[] = [];
  for (const part of hash ? hash.split('&') : []) {
    if (!part.startsWith('token=')) {
      rest.push(part);
      continue;
    }
    try {
      token = decodeURIComponent(part.slice('token='.length));
    } catch {
      token = '';
    }
  }
  if (!token) {
    try {
      return host.sessionStorage.getItem(BRIDGE_TOKEN_STORAGE_KEY) ?? '';
    } catch {
      return '';
    }
  }
  try {
    host.sessionStorage.setItem(BRIDGE_TOKEN_STORAGE_KEY, token);
  } catch {
    // Storage disabled: the token lives in memory for this page only.
  }
  const { pathname, search } = host.location;
  try {
    host.history.replaceState(
      host.history.state,
      '',
      pathname + search + (rest.length ? `#${rest.join('&')}` : ''),
    );
  } catch {
    // Not fatal: the token only stays visible in the address bar.
  }
  return token;
}
