import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, CONTENT_SECURITY_POLICY, createAppProtocolHandler } from './app-protocol';
import { CRASH_PAGE_PATH, FALLBACK_ASSETS } from './fallback-page';

let base: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'bd-proto-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>BalanceDesk</title>');
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(path.join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  await writeFile(path.join(root, '.env'), 'outside the renderer: a dot-file');
  await writeFile(path.join(base, 'secret.txt'), 'outside the renderer');
  await writeFile(path.join(base, 'renderer-evil.txt'), 'sibling with a shared prefix');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  handler = createAppProtocolHandler({ root, builtins: FALLBACK_ASSETS });
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// protocol handler', () => {
  it('serves the entry page with the CSP as a header', async () => {
    const res = await get(APP_ENTRY_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>BalanceDesk</title>');
  });

  it('serves / as index.html and ignores query and fragment', async () => {
    expect(await (await get(`${APP_ORIGIN}/`)).text()).toContain('BalanceDesk');
    expect((await get(`${APP_ENTRY_URL}?notice=renderer-restarted#x`)).status).toBe(200);
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s', async (file, type) => {
    const res = await get(`${APP_ORIGIN}/${file}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
  });

  it('answers HEAD without a body', async () => {
    const res = await get(APP_ENTRY_URL, 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it.each([
    ['a missing file', `${APP_ORIGIN}/nope.js`],
    ['a directory', `${APP_ORIGIN}/assets`],
    ['encoded traversal', `${APP_ORIGIN}/%2e%2e/secret.txt`],
    ['encoded slash traversal', `${APP_ORIGIN}/assets%2f..%2f..%2fsecret.txt`],
    ['double-encoded traversal', `${APP_ORIGIN}/%252e%252e/secret.txt`],
    ['backslash traversal', `${APP_ORIGIN}/..%5csecret.txt`],
    ['a NUL byte', `${APP_ORIGIN}/index.html%00.js`],
    ['malformed escapes', `${APP_ORIGIN}/%E0%A4%A`],
    ['a shared-prefix sibling', `${APP_ORIGIN}/..%2frenderer-evil.txt`],
    ['a symlink out of the renderer folder', `${APP_ORIGIN}/assets/link.txt`],
    ['a dot-file', `${APP_ORIGIN}/.env`],
    ['an encoded dot-file', `${APP_ORIGIN}/%2eenv`],
    ['another host', 'app://balance-desk.evil/index.html'],
    ['another host sharing a prefix', 'app://balance/index.html'],
  ])('refuses %s with 404', async (_name, url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('outside the renderer');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await handler(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('serves the built-in crash page, CSP-compatible (no inline script or style)', async () => {
    const res = await get(`${APP_ORIGIN}${CRASH_PAGE_PATH}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('请联系店长');
    expect(html).toContain('Please call the manager');
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son\w+=/i);
    const css = html.match(/href="([^"]+\.css)"/)?.[1];
    expect(css).toBeDefined();
    const cssRes = await get(`${APP_ORIGIN}${css}`);
    expect(cssRes.status).toBe(200);
    expect(cssRes.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('keeps serving the crash page when the renderer folder is missing', async () => {
    const broken = createAppProtocolHandler({ root: path.join(base, 'missing'), builtins: FALLBACK_ASSETS });
    expect((await broken(new Request(APP_ENTRY_URL))).status).toBe(404);
    expect((await broken(new Request(`${APP_ORIGIN}${CRASH_PAGE_PATH}`))).status).toBe(200);
  });
});

describe('path mapping', () => {
  it('maps URL paths under the root only: extra slashes and resolved dot segments stay inside', async () => {
    expect((await get(`${APP_ORIGIN}//assets/index-abc.js`)).status).toBe(200);
    // The URL parser resolves `..` before the handler sees it: this is /index.html.
    expect((await get(`${APP_ORIGIN}/assets/../index.html`)).status).toBe(200);
    expect((await get(`${APP_ORIGIN}/assets/../../secret.txt`)).status).toBe(404);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only our own scripts and no network', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map(
        (d) => [d.split(' ')[0] ?? '', d.split(' ').slice(1).join(' ')] as const,
      ),
    );
    expect(directives).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'connect-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });
});
