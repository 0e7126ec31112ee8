import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { TopClient } from '@balance-desk/top-client';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLI_PORT, parseCliArgs, USAGE } from './cli-args';
import {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_CARDS,
  DEMO_SHOP_ID,
  FAULT_NAMES,
} from './demo-data';
import { startSandbox } from './server';
import { createTestCa } from './test-pki';
import { postJson, signedParams, topError } from './test-support/helpers';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

describe('parseCliArgs', () => {
  it('defaults to the demo app on port 8787', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'run',
      config: {
        port: DEFAULT_CLI_PORT,
        app: undefined,
        session: undefined,
        dataFile: undefined,
        latencyMs: 0,
        fault: undefined,
        slowMs: undefined,
      },
    });
    expect(DEFAULT_CLI_PORT).toBe(8787);
  });

  it('reads every flag', () => {
    const argv = [
      '--port',
      '0',
      '--app-key',
      'k',
      '--app-secret',
      's',
      '--session',
      'x',
      '--data',
      'd.json',
      '--latency',
      '25',
      '--fault',
      'http502',
      '--slow-ms',
      '300',
    ];
    expect(parseCliArgs(argv)).toEqual({
      kind: 'run',
      config: {
        port: 0,
        app: { appKey: 'k', appSecret: 's' },
        session: 'x',
        dataFile: 'd.json',
        latencyMs: 25,
        fault: 'http502',
        slowMs: 300,
      },
    });
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    for (const name of FAULT_NAMES) expect(USAGE).toContain(name);
  });

  it.each([
    [['--port', 'http'], /--port must be an integer/],
    [['--port', '70000'], /--port must be an integer from 0 to 65535/],
    [['--port', '-1'], /--port/],
    [['--latency', '1.5'], /--latency must be an integer/],
    [['--app-key', 'k'], /--app-key and --app-secret go together/],
    [['--app-secret', 's'], /--app-key and --app-secret go together/],
    [['--fault', 'meteor'], /unknown --fault "meteor"; one of: slow, rateLimited/],
    [['--verbose'], /Unknown option '--verbose'/],
    [['serve'], /Unexpected argument 'serve'/],
    [['--port'], /--port/],
    [['--tls-cert', 'c.pem'], /--tls-cert and --tls-key go together/],
    [['--tls-key', 'k.pem'], /--tls-cert and --tls-key go together/],
    [['--tls-cert', '', '--tls-key', 'k.pem'], /need a file path/],
  ])('%j is a usage error', (argv, message) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.kind).toBe('error');
    if (parsed.kind === 'error') expect(parsed.message).toMatch(message);
  });
});

interface Run {
  child: ChildProcess;
  /** Resolves with the first stdout line. */
  firstLine: Promise<string>;
  stdout: () => string;
  exit: Promise<{ code: number | null; stderr: string }>;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const nl = out.indexOf('\n');
      if (nl !== -1) resolve(out.slice(0, nl));
    });
    child.on('exit', () => reject(new Error(`cli exited before printing a line: ${err}`)));
  });
  firstLine.catch(() => undefined);
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr: err })),
  );
  return { child, firstLine, stdout: () => out, exit };
}

describe('the CLI process', () => {
  it('--port 0: prints the gateway URL first, the demo credentials after; serves; SIGTERM stops it cleanly', async () => {
    const cli = run(['--port', '0']);
    const url = await cli.firstLine;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/router\/rest$/);
    expect(await postJson(url, signedParams())).toMatchObject({ result: { result: { usable_value: 4000 } } });
    await new Promise((resolve) => setTimeout(resolve, 20)); // the info lines follow in the same write
    expect(cli.stdout()).toContain(`app secret: ${DEMO_APP_SECRET}`);
    expect(cli.stdout()).toContain('111950000052400125');
    cli.child.kill('SIGTERM');
    expect((await cli.exit).code).toBe(0);
  });

  it('custom app and fault: never prints the secret; SIGINT stops it cleanly', async () => {
    const secret = 'cli-test-secret-7781';
    const cli = run([
      '--port',
      '0',
      '--app-key',
      'cli-app',
      '--app-secret',
      secret,
      '--fault',
      'rateLimited',
    ]);
    const url = await cli.firstLine;
    const params = signedParams({ secret, set: { app_key: 'cli-app' } });
    expect(await topError(url, { body: params })).toMatchObject({ code: 7 });
    cli.child.kill('SIGINT');
    const { code, stderr } = await cli.exit;
    expect(code).toBe(0);
    expect(cli.stdout() + stderr).not.toContain(secret);
  });

  it('a busy port fails with a clear message and exit code 1', async () => {
    const holder = await startSandbox();
    try {
      const { code, stderr } = await run(['--port', String(holder.port)]).exit;
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${holder.port} is already in use on 127.0.0.1`);
    } finally {
      await holder.close();
    }
  });

  it('--tls-cert/--tls-key: serves HTTPS with a certificate from a private CA', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sandbox-tls-'));
    const ca = createTestCa();
    const leaf = ca.issue(['127.0.0.1']);
    await writeFile(path.join(dir, 'cert.pem'), leaf.cert);
    await writeFile(path.join(dir, 'key.pem'), leaf.key);
    const cli = run([
      '--port',
      '0',
      '--tls-cert',
      path.join(dir, 'cert.pem'),
      '--tls-key',
      path.join(dir, 'key.pem'),
    ]);
    const client = (url: string): TopClient =>
      new TopClient({
        appKey: DEMO_APP_KEY,
        appSecret: DEMO_APP_SECRET,
        gatewayUrl: url,
        network: { ca: [...rootCertificates, ca.cert] },
      });
    try {
      const url = await cli.firstLine;
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/router\/rest$/);
      const top = client(url);
      const { body } = await top.execute('alibaba.alsc.crm.recharge.account.get', {
        param_query_recharge_account_open_req: {
          brand_id: DEMO_BRAND_ID,
          shop_id: DEMO_SHOP_ID,
          card_id: DEMO_CARDS.seed,
        },
      });
      top.close();
      expect(JSON.stringify(body)).toContain(DEMO_CARDS.seed);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exit;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an unreadable --tls-cert fails with exit code 1', async () => {
    const { code, stderr } = await run([
      '--tls-cert',
      '/nonexistent/c.pem',
      '--tls-key',
      '/nonexistent/k.pem',
    ]).exit;
    expect(code).toBe(1);
    expect(stderr).toContain('/nonexistent/c.pem');
  });

  it('bad flags exit with code 2 and a hint', async () => {
    const { code, stderr } = await run(['--port', 'eighty']).exit;
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port must be an integer[\s\S]*--help/);
  });
});
