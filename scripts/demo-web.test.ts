import { spawn } from 'node:child_process';
import { chmod, mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDemoWebArgs } from './demo-web-args';
import { REPO_ROOT, startDemoWeb, type DemoWeb } from './demo-web-lib';

let dir: string | undefined;
let preview: DemoWeb | undefined;
afterEach(async () => {
  await preview?.close();
  preview = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function post(origin: string, token: string, channel: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${origin}/ipc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-balance-desk-token': token },
    body: JSON.stringify(body),
  });
  return res.json();
}

describe('startDemoWeb (in-process, as e2e uses it)', () => {
  it('serves the built renderer with the bridge and a demo-mode desk', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'demo-web-'));
    const staticDir = path.join(dir, 'renderer');
    await mkdir(staticDir);
    await writeFile(
      path.join(staticDir, 'index.html'),
      '<html><head><script type="module" src="./a.js"></script></head><body></body></html>',
    );
    preview = await startDemoWeb({ dataDir: path.join(dir, 'data'), staticDir, build: 'never' });
    expect(preview.url).toBe(`${preview.origin}/#token=${preview.token}`);
    const html = await (await fetch(preview.origin)).text();
    expect(html).toContain('<script src="/__bridge.js"></script>');
    expect(await post(preview.origin, preview.token, 'app:status', {})).toMatchObject({
      ok: true,
      value: { mode: 'demo' },
    });
    expect(await preview.desk.call('balance:lookup', { cardId: '111950000052400125' })).toMatchObject({
      kind: 'ok',
    });
    await preview.close();
    expect((await readdir(path.join(dir, 'data', 'logs'))).length).toBe(1);
  });
});

describe('startDemoWeb with --printer-sim', () => {
  it('prints the seed card to the simulator, and serves its HTML slip at /slip with the token', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'demo-web-print-'));
    let console = '';
    const output = new PassThrough();
    output.on('data', (chunk: Buffer) => (console += chunk.toString('utf8')));
    preview = await startDemoWeb({
      dataDir: path.join(dir, 'data'),
      staticDir: path.join(dir, 'none'),
      build: 'never',
      printerSim: true,
      printerSimOutput: output,
    });
    expect(preview.printerSimUrl).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    const settings = (await post(preview.origin, preview.token, 'settings:get', {})) as {
      value: { printer: unknown };
    };
    expect(settings.value.printer).toMatchObject({ kind: 'escpos-tcp', host: '127.0.0.1', paperWidthMm: 80 });
    const looked = (await post(preview.origin, preview.token, 'balance:lookup', {
      cardId: '111950000052400125',
    })) as { value: { at: string; requestId: string } };
    const printed = await post(preview.origin, preview.token, 'slip:print', { at: looked.value.at });
    expect(printed).toEqual({ ok: true, value: { kind: 'printed', printer: 'escpos-tcp' } });
    await expect.poll(() => console).toContain('cut');
    expect(console).toContain('****0125');
    expect(console).not.toContain('111950000052400125');

    expect((await fetch(`${preview.origin}/slip`)).status).toBe(401);
    const slip = await fetch(`${preview.origin}/slip?token=${preview.token}&width=58`);
    expect(slip.status).toBe(200);
    const html = await slip.text();
    expect(html).toContain('****0125');
    expect(html).toContain('width: 58mm');
    expect(html).not.toContain('111950000052400125');
    expect((await fetch(`${preview.origin}/slip?token=${preview.token}&width=57`)).status).toBe(400);
  });
});

describe('pnpm demo:web (the CLI)', () => {
  it('prints one URL line once ready, answers on it, and stops on SIGINT', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'demo-web-cli-'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/demo-web.ts'), '--no-build', '--data-dir', dir],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', () => reject(new Error('demo:web exited before printing a URL')));
      });
      const match = /^http:\/\/127\.0\.0\.1:(\d+)\/#token=([0-9a-f]{64})$/.exec(first);
      expect(match).not.toBeNull();
      const origin = `http://127.0.0.1:${match?.[1]}`;
      expect(await post(origin, match?.[2] ?? '', 'app:status', {})).toMatchObject({
        ok: true,
        value: { mode: 'demo' },
      });
      // The customer-facing view's address, with the same token, for a second window or screen.
      const customerUrl = `${origin}/customer#token=${match?.[2]}`;
      await vi.waitFor(() => expect(stderr).toContain(`customer display (second screen): ${customerUrl}\n`));
      const page = await fetch(new URL('/customer', origin));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('__customer-bridge.js');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 30_000);
});

describe('pnpm demo:web on a data directory it cannot write', () => {
  // Root writes through any permission bits, so the CLI runs as an unprivileged uid when the tests run as root.
  const asRoot = process.getuid?.() === 0;
  it('runs, says that nothing will be saved, and answers', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'demo-web-ro-'));
    const dataDir = path.join(dir, 'data');
    await mkdir(path.join(dataDir, 'logs'), { recursive: true });
    await chmod(dir, 0o755);
    await chmod(dataDir, 0o555);
    await chmod(path.join(dataDir, 'logs'), 0o555);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/demo-web.ts'), '--no-build', '--data-dir', dataDir],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...(asRoot ? { uid: 65534, gid: 65534 } : {}) },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', () => reject(new Error(`demo:web exited before printing a URL: ${stderr}`)));
      });
      const match = /^http:\/\/127\.0\.0\.1:(\d+)\/#token=([0-9a-f]{64})$/.exec(first);
      expect(match).not.toBeNull();
      expect(stderr).toMatch(
        /cannot be written \((EACCES|EROFS|EPERM)\); the preview runs, but nothing will be saved/,
      );
      const origin = `http://127.0.0.1:${match?.[1]}`;
      const token = match?.[2] ?? '';
      expect(await post(origin, token, 'app:status', {})).toMatchObject({
        ok: true,
        value: { mode: 'demo' },
      });
      // Saving fails with a reason instead of crashing the preview.
      expect(await post(origin, token, 'pin:set', { newPin: '482913' })).toMatchObject({ ok: false });
      expect(await post(origin, token, 'app:status', {})).toMatchObject({ ok: true });
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(await readdir(path.join(dataDir, 'logs'))).toEqual([]);
  }, 30_000);
});

describe('demo:web arguments', () => {
  it('parses the documented flags', () => {
    expect(parseDemoWebArgs(['--port', '8123', '--data-dir=/tmp/x', '--provision', 'p.json'])).toEqual({
      ok: true,
      options: { build: 'auto', port: 8123, dataDir: '/tmp/x', provision: 'p.json' },
    });
    expect(parseDemoWebArgs(['--no-build'])).toMatchObject({ ok: true, options: { build: 'never' } });
    expect(parseDemoWebArgs(['--printer-sim'])).toMatchObject({ ok: true, options: { printerSim: true } });
    expect(parseDemoWebArgs(['--rebuild'])).toMatchObject({ ok: true, options: { build: 'always' } });
    expect(parseDemoWebArgs(['--port', 'abc'])).toMatchObject({ ok: false });
    expect(parseDemoWebArgs(['--port'])).toMatchObject({ ok: false });
    expect(parseDemoWebArgs(['--wat'])).toMatchObject({ ok: false });
  });
});
