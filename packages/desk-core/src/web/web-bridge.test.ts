import { BRIDGE_TOKEN_HEADER } from '@balance-desk/contract/web-bridge';
import { DEMO_CARDS } from '@balance-desk/top-sandbox';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebBridge, type WebBridge } from './web-bridge';
import { startDesk, type DeskFixture } from '../test-support/desk-fixture';
import { rawRequest } from '../test-support/http';

const INDEX = `<!doctype html>
<html>
  <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; connect-src 'none'; style-src 'self'">
    <script type="module" crossorigin src="./assets/app.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>`;

let fx: DeskFixture;
let bridge: WebBridge;
let root: string;
let clientFile: string;
/** Stands in for the built browser client (its behaviour: apps/desktop/src/web-preview). */
const CLIENT = '(function () { window.builtClient = 1; })();\n';

beforeAll(async () => {
  fx = await startDesk();
  root = path.join(fx.dir, 'site', 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), INDEX);
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log("app");');
  await writeFile(path.join(root, 'assets', 'style.css'), 'body{}');
  await writeFile(path.join(root, '.hidden'), 'hidden');
  await writeFile(path.join(fx.dir, 'site', 'outside.txt'), 'OUTSIDE-THE-ROOT');
  clientFile = path.join(fx.dir, 'site', 'web-preview', 'bridge-client.js');
  await mkdir(path.dirname(clientFile));
  await writeFile(clientFile, CLIENT);
  bridge = await startWebBridge({ desk: fx.desk, staticDir: root, clientFile });
});
afterAll(async () => {
  await bridge.close();
  await fx.close();
});

function ipc(
  channel: string,
  options: { token?: string; body?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {
    host: `127.0.0.1:${bridge.port}`,
    'content-type': 'application/json',
    ...options.headers,
  };
  if (options.token !== undefined) headers[BRIDGE_TOKEN_HEADER] = options.token;
  return rawRequest({
    port: bridge.port,
    method: 'POST',
    path: `/ipc/${channel}`,
    headers,
    body: options.body ?? '{}',
  });
}

describe('web bridge: IPC', () => {
  it('the URL to open carries the token in the fragment, on loopback', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/#token=${bridge.token}`);
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a good call works and answers the IpcReply envelope', async () => {
    const res = await ipc('balance:lookup', {
      token: bridge.token,
      body: JSON.stringify({ cardId: DEMO_CARDS.seed }),
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.text)).toMatchObject({
      ok: true,
      value: { kind: 'ok', accounts: [{ usable: 4000 }] },
    });
  });

  it('no token / wrong token → 401', async () => {
    const none = await ipc('app:status');
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/^missing bridge token/) },
    });
    const wrong = await ipc('app:status', { token: 'a'.repeat(64) });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.text)).toMatchObject({
      error: { code: 'forbidden', message: expect.stringMatching(/^wrong bridge token/) },
    });
    expect((await ipc('app:status', { token: bridge.token.slice(0, 63) })).status).toBe(401);
    expect((await ipc('app:status', { token: '' })).status).toBe(401);
  });

  it('a foreign Origin or a non-loopback Host → 403, even with the token', async () => {
    const foreign = await ipc('app:status', {
      token: bridge.token,
      headers: { origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const otherPort = await ipc('app:status', {
      token: bridge.token,
      headers: { origin: 'http://127.0.0.1:1' },
    });
    expect(otherPort.status).toBe(403);
    const rebinding = await ipc('app:status', {
      token: bridge.token,
      headers: { host: `evil.example:${bridge.port}` },
    });
    expect(rebinding.status).toBe(403);
    const same = await ipc('app:status', {
      token: bridge.token,
      headers: { origin: `http://127.0.0.1:${bridge.port}` },
    });
    expect(same.status).toBe(200);
    const page = await rawRequest({ port: bridge.port, path: '/', headers: { host: 'attacker.example' } });
    expect(page.status).toBe(403);
  });

  it('bodies over 64 KiB → 413; non-JSON → 400 in the IpcReply shape; unknown channel → invalid-request', async () => {
    const big = await ipc('balance:lookup', {
      token: bridge.token,
      body: JSON.stringify({ cardId: '1'.repeat(70 * 1024) }),
    });
    expect(big.status).toBe(413);
    const streamed = await rawRequest({
      port: bridge.port,
      method: 'POST',
      path: '/ipc/app:status',
      headers: { [BRIDGE_TOKEN_HEADER]: bridge.token, 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }),
      chunked: true,
    });
    expect(streamed.status).toBe(413);
    const garbage = await ipc('app:status', { token: bridge.token, body: '{not json' });
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.text)).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'request body is not JSON' },
    });
    const unknown = await ipc('fs:read', { token: bridge.token });
    expect(JSON.parse(unknown.text)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const get = await rawRequest({
      port: bridge.port,
      path: '/ipc/app:status',
      headers: { [BRIDGE_TOKEN_HEADER]: bridge.token },
    });
    expect(get.status).toBe(405);
  });
});

describe('web bridge: static files', () => {
  it('serves the renderer with the bridge script first and connect-src self', async () => {
    const res = await rawRequest({ port: bridge.port, path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text.indexOf('<script src="/__bridge.js"></script>')).toBeGreaterThan(0);
    expect(res.text.indexOf('/__bridge.js')).toBeLessThan(res.text.indexOf('./assets/app.js'));
    expect(res.text).toContain("connect-src 'self'");
    expect(res.text).not.toContain("connect-src 'none'");
    expect(res.text).toContain("script-src 'self'");
  });

  it('content types', async () => {
    expect((await rawRequest({ port: bridge.port, path: '/assets/app.js' })).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect(
      (await rawRequest({ port: bridge.port, path: '/assets/style.css?v=1' })).headers['content-type'],
    ).toBe('text/css; charset=utf-8');
    const js = await rawRequest({ port: bridge.port, path: '/__bridge.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.text).not.toContain(bridge.token);
  });

  it('/__bridge.js is the built browser client, read again on each request', async () => {
    expect((await rawRequest({ port: bridge.port, path: '/__bridge.js' })).text).toBe(CLIENT);
    const rebuilt = '(function () { window.builtClient = 2; })();\n';
    await writeFile(clientFile, rebuilt);
    try {
      expect((await rawRequest({ port: bridge.port, path: '/__bridge.js' })).text).toBe(rebuilt);
    } finally {
      await writeFile(clientFile, CLIENT);
    }
  });

  it.each([
    '/../outside.txt',
    '/%2e%2e/outside.txt',
    '/assets/..%2f..%2foutside.txt',
    '/..%5coutside.txt',
    '/assets/%2e%2e/%2e%2e/outside.txt',
    '/.hidden',
    '/assets',
    '/nope.js',
    '/%00',
    '/%E0%A4%A',
  ])('%s → 404', async (p) => {
    const res = await rawRequest({ port: bridge.port, path: p });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('OUTSIDE-THE-ROOT');
  });

  it('without a built renderer or client, the page and the script say so', async () => {
    const bare = await startWebBridge({ desk: fx.desk, staticDir: path.join(fx.dir, 'missing') });
    try {
      const res = await rawRequest({ port: bare.port, path: '/' });
      expect(res.status).toBe(200);
      expect(res.text).toContain('renderer is not built');
      expect(res.text).toContain('/__bridge.js');
      // Nor a built client: the script says so in the console instead of failing silently.
      const js = await rawRequest({ port: bare.port, path: '/__bridge.js' });
      expect(js.status).toBe(200);
      expect(js.text).toMatch(/^console\.error\(".*bridge client is not built.*pnpm build/);
    } finally {
      await bare.close();
    }
  });
});
