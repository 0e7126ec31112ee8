import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLI_PORT, parseCliArgs, USAGE } from '../src/cli-args';
import { DEMO_APP_SECRET, FAULT_NAMES, startSandbox } from '../src/index';
import { postJson, signedParams, topError } from './helpers';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

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

  it('bad flags exit with code 2 and a hint', async () => {
    const { code, stderr } = await run(['--port', 'eighty']).exit;
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port must be an integer[\s\S]*--help/);
  });
});
