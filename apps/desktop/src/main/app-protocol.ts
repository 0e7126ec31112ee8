/**
 * The renderer is served from `app://balance-desk/…`, never from `file://`.
 * Electron security checklist #18 "Avoid usage of the file:// protocol and prefer usage of custom protocols":
 * https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols
 * A real origin also gives the IPC sender check something exact to compare, and lets the
 * CSP travel as a response header, where `frame-ancestors` is honoured (a <meta> CSP ignores it).
 */
import { promises as fsp } from 'node:fs';
import { contentTypeOf, resolveStaticFile } from '@balance-desk/desk-core';

export const APP_SCHEME = 'app';
const APP_HOST = 'balance-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `standard` gives the scheme tuple origins and relative-URL resolution; `secure` makes it a secure
 * context; `supportFetchAPI` + `corsEnabled` let Vite's `<script type="module" crossorigin>` load.
 * Deliberately not `bypassCSP`, not `allowServiceWorkers`.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
} as const;

/**
 * Electron security checklist #7 "Define a Content-Security-Policy":
 * https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy
 * No inline script or style: React writes `style` props through the CSSOM, which CSP allows.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** A page main serves from memory (the crash-loop page), keyed by URL path. */
export interface BuiltinAsset {
  body: string;
  contentType: string;
}

export interface AppProtocolOptions {
  /** The built renderer (`out/renderer`). */
  root: string;
  builtins?: ReadonlyMap<string, BuiltinAsset>;
}

function answer(status: number, body: string | Buffer | null, contentType: string, method: string): Response {
  const headers = {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
  return new Response(
    method === 'HEAD' || body === null
      ? null
      : new Uint8Array(typeof body === 'string' ? Buffer.from(body) : body),
    { status, headers },
  );
}

/** The `protocol.handle('app', …)` handler: only GET/HEAD, only our host, only files under root. */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  const builtins = options.builtins ?? new Map<string, BuiltinAsset>();

  return async (request) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD')
      return answer(405, 'method not allowed', 'text/plain; charset=utf-8', method);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return answer(400, 'bad request', 'text/plain; charset=utf-8', method);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST)
      return answer(404, 'not found', 'text/plain; charset=utf-8', method);

    const builtin = builtins.get(url.pathname);
    if (builtin !== undefined) return answer(200, builtin.body, builtin.contentType, method);

    // desk-core's resolver (shared with the web bridge) refuses `..` (also encoded), backslashes,
    // NULs, dot-files, directories and symlinks leading out of the renderer folder.
    const file = await resolveStaticFile(options.root, url.pathname === '/' ? '/index.html' : url.pathname);
    if (file === undefined) return answer(404, 'not found', 'text/plain; charset=utf-8', method);
    try {
      return answer(200, await fsp.readFile(file), contentTypeOf(file), method);
    } catch {
      return answer(404, 'not found', 'text/plain; charset=utf-8', method);
    }
  };
}
