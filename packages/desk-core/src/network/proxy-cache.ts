import type { ProxyResolver } from '../ports';

/** How long a system-proxy answer is reused: a changed PAC or proxy setting applies within this. */
const PROXY_ANSWER_TTL_MS = 30_000;
const MAX_ENTRIES = 16;

/**
 * Reuses the system's answer per URL for a while, so a scan does not wait for a PAC evaluation
 * every time. A failed resolution is not kept: the next scan asks again.
 */
export function cachingProxyResolver(
  resolver: ProxyResolver,
  ttlMs = PROXY_ANSWER_TTL_MS,
  now: () => number = Date.now,
): ProxyResolver {
  const answers = new Map<string, { at: number; answer: Promise<string> }>();
  return {
    resolve(url) {
      const hit = answers.get(url);
      if (hit && now() - hit.at < ttlMs) return hit.answer;
      if (answers.size >= MAX_ENTRIES) answers.clear();
      const answer = resolver.resolve(url);
      answers.set(url, { at: now(), answer });
      answer.catch(() => answers.delete(url));
      return answer;
    },
  };
}
