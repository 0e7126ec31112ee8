import { BRIDGE_CLIENT_PATH } from '@balance-desk/contract/web-bridge';

/** The bridge client tag, injected before the page's own scripts so `window.balanceDesk` exists first. */
export const BRIDGE_SCRIPT_TAG = `<script src="${BRIDGE_CLIENT_PATH}"></script>`;

/** Used when the built renderer has no CSP meta at all. */
const DEFAULT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

const CSP_META = /<meta\b[^>]*http-equiv\s*=\s*["']?Content-Security-Policy["']?[^>]*>/i;
const CONTENT_ATTR = /\bcontent\s*=\s*(["'])([\s\S]*?)\1/i;

/** Replaces (or adds) `connect-src` with `'self'`: the Electron CSP forbids connections, the web preview needs its bridge. */
function allowConnectSelf(policy: string): string {
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !/^connect-src(\s|$)/i.test(d));
  directives.push("connect-src 'self'");
  return directives.join('; ');
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

function unescapeAttr(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The built renderer's index.html, adapted for the web preview: the bridge client script before
 * the first other script, and a CSP that lets the page reach its own origin.
 */
export function rewriteIndexHtml(html: string): string {
  let out = html;
  const meta = CSP_META.exec(out);
  if (meta) {
    const content = CONTENT_ATTR.exec(meta[0]);
    const policy = allowConnectSelf(content ? unescapeAttr(content[2] ?? '') : '');
    const replaced = `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(policy)}">`;
    out = out.slice(0, meta.index) + replaced + out.slice(meta.index + meta[0].length);
  } else {
    const tag = `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(DEFAULT_CSP)}">`;
    out = /<head[^>]*>/i.test(out)
      ? out.replace(/<head[^>]*>/i, (head) => `${head}\n    ${tag}`)
      : `${tag}\n${out}`;
  }
  const firstScript = /<script\b/i.exec(out);
  if (firstScript)
    return `${out.slice(0, firstScript.index)}${BRIDGE_SCRIPT_TAG}\n    ${out.slice(firstScript.index)}`;
  if (/<\/head>/i.test(out)) return out.replace(/<\/head>/i, `  ${BRIDGE_SCRIPT_TAG}\n  </head>`);
  return `${BRIDGE_SCRIPT_TAG}\n${out}`;
}

/** What the preview serves when `out/renderer` was never built (and building failed). */
export const RENDERER_NOT_BUILT_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>BalanceDesk — renderer not built</title>
  </head>
  <body>
    <h1>BalanceDesk web preview</h1>
    <p>The renderer is not built (no <code>out/renderer/index.html</code>). Run <code>pnpm build</code>, then reload.</p>
    <p>The bridge is running: once the browser client is built too, <code>window.balanceDesk</code> works from this page's console.</p>
  </body>
</html>
`;

/** What `/__bridge.js` serves when the browser client (`out/web-preview/bridge-client.js`) was never built. */
export const CLIENT_NOT_BUILT_SCRIPT = `console.error(${JSON.stringify(
  'BalanceDesk web preview: the bridge client is not built (no out/web-preview/bridge-client.js), so window.balanceDesk is missing. Run `pnpm build`, then reload.',
)});
`;

/** What `/__customer-bridge.js` serves when the customer client (`out/web-preview/customer-client.js`) was never built. */
export const CUSTOMER_CLIENT_NOT_BUILT_SCRIPT = `console.error(${JSON.stringify(
  'BalanceDesk web preview: the customer client is not built (no out/web-preview/customer-client.js), so window.balanceDeskCustomer is missing. Run `pnpm build`, then reload.',
)});
`;
