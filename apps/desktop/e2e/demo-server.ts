import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * `pnpm demo:web` (scripts/demo-web.ts → startDemoWeb) in a child process. Playwright's TS loader
 * compiles test files to CommonJS and cannot load the ESM-only demo-web-lib in-process; a child
 * also keeps desk-core and the sandbox off the test worker's event loop.
 */
export interface DemoServer {
  origin: string;
  token: string;
  /** The server process (bench:soak reads its RSS). */
  pid: number | undefined;
  /** One bridge call, exactly as the page makes it (the IPC envelope comes back). */
  ipc<T = unknown>(
    channel: string,
    request?: unknown,
  ): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>;
  close(): Promise<void>;
}

/** `extraArgs`: more demo:web flags, e.g. `--provision <file>`. */
export async function startDemoServer(
  dataDir: string,
  extraArgs: readonly string[] = [],
): Promise<DemoServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(REPO_ROOT, 'scripts/demo-web.ts'),
      '--no-build',
      '--data-dir',
      dataDir,
      ...extraArgs,
    ],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`demo:web exited (${code}) before printing its URL`)));
    setTimeout(() => reject(new Error('demo:web did not start within 30 s')), 30_000).unref();
  });
  const match = /^(http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)$/.exec(line.trim());
  if (!match) {
    child.kill('SIGTERM');
    throw new Error(`unexpected demo:web output: ${line.slice(0, 120)}`);
  }
  const [, origin = '', token = ''] = match;
  return {
    origin,
    token,
    pid: child.pid,
    async ipc(channel, request = {}) {
      const response = await fetch(`${origin}/ipc/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-balance-desk-token': token },
        body: JSON.stringify(request),
      });
      return (await response.json()) as never;
    },
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
