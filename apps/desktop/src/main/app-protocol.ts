/**
 * The renderer is served from `app://balance-desk/…`, never from `file://`.
 * Electron security checklist #18 "Avoid usage of the file:// protocol and prefer usage of custom protocols":
 * https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols
 * A real origin also gives the IPC sender check (#17) something exact to compare, and lets the
 * CSP travel as a response header (#7), where `frame-ancestors` is honoured (a <meta> CSP ignores it).
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'balance-desk';
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

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

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

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Maps a request path to a file strictly inside `root`, or undefined. Refuses encoded traversal
 * (`%2e%2e`), backslashes and NULs before touching the disk.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment === '..')) return undefined;
  const candidate = path.resolve(root, relative);
  return isInside(path.resolve(root), candidate) ? candidate : undefined;
}

/** The `protocol.handle('app', …)` handler: only GET/HEAD, only our host, only files under root. */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  const builtins = options.builtins ?? new Map<string, BuiltinAsset>();
  let realRoot: string | undefined;

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

    const file = resolveInside(options.root, url.pathname);
    if (file === undefined) return answer(404, 'not found', 'text/plain; charset=utf-8', method);
    try {
      realRoot ??= await fsp.realpath(options.root);
      const real = await fsp.realpath(file);
      // A symlink must not lead out of the renderer folder.
      if (!isInside(realRoot, real)) return answer(404, 'not found', 'text/plain; charset=utf-8', method);
      const stat = await fsp.stat(real);
      if (!stat.isFile()) return answer(404, 'not found', 'text/plain; charset=utf-8', method);
      return answer(200, await fsp.readFile(real), contentTypeFor(real), method);
    } catch {
      return answer(404, 'not found', 'text/plain; charset=utf-8', method);
    }
  };
}
