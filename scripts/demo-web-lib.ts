/**
 * The web preview (docs/WEB-PREVIEW.md): desk-core + the loopback web bridge serving
 * the built renderer, for `pnpm demo:web` and for Playwright e2e (which starts it in-process with
 * a tmp data dir). Never part of the Electron build.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { createDesk, createDevCipher, startWebBridge, type Desk, type Logger } from '@balance-desk/desk-core';
import { formatJob, startPrinterSim, type RunningPrinterSim } from '@balance-desk/counter-output';

/**
 * The workspace root, found from the working directory (not `import.meta`, so the module loads the
 * same under tsx, Vitest and Playwright's CommonJS transform).
 */
function findRepoRoot(start: string = process.cwd()): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start);
  }
}

export const REPO_ROOT = findRepoRoot();
const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.demo-data');
export const DEFAULT_STATIC_DIR = path.join(REPO_ROOT, 'out', 'renderer');
/** The browser client (apps/desktop/src/web-preview), built by `pnpm build` apart from the renderer. */
export const DEFAULT_CLIENT_FILE = path.join(REPO_ROOT, 'out', 'web-preview', 'bridge-client.js');
/** The customer page's client (apps/desktop/src/web-preview/customer-client.ts), built beside it. */
export const DEFAULT_CUSTOMER_CLIENT_FILE = path.join(REPO_ROOT, 'out', 'web-preview', 'customer-client.js');

export interface DemoWebOptions {
  /** Bridge port; 0 (default) = any free port. */
  port?: number;
  /** Settings, vault (dev cipher), PIN, journal, log. Default `<repo>/.demo-data` (gitignored). */
  dataDir?: string;
  /** A provisioning file, as `--provision <file>` would give the app. */
  provision?: string;
  /** The built renderer. Default `<repo>/out/renderer`. */
  staticDir?: string;
  /** The built browser client served at `/__bridge.js`. Default `<repo>/out/web-preview/bridge-client.js`. */
  clientFile?: string;
  /** The built customer client served at `/__customer-bridge.js`. Default `<repo>/out/web-preview/customer-client.js`. */
  customerClientFile?: string;
  /**
   * `auto`: build when index.html or a browser client is missing or older than their sources; `always`; `never` (default:
   * e2e builds once up front). A failed build still starts: a stale build, or a "not built" page, is served.
   */
  build?: 'auto' | 'always' | 'never';
  /** Run the embedded demo gateway while nothing is configured. Default true. */
  demo?: boolean;
  /** Default: JSON lines appended to `<dataDir>/logs/demo-web.log`. */
  logger?: Logger;
  /** Where build output goes. Default: this process's stderr. */
  buildOutput?: NodeJS.WritableStream;
  /** Where the "nothing will be saved" warning for a read-only data directory goes. Default: stderr. */
  warnings?: NodeJS.WritableStream;
  /**
   * `--printer-sim`: start `pnpm printer-sim` on 127.0.0.1 (any free port) as the demo printer — the
   * one slips go to while the demo gateway runs and no printer is set — and print each slip to
   * `printerSimOutput` (default stderr, since stdout carries only the URL).
   */
  printerSim?: boolean;
  printerSimOutput?: NodeJS.WritableStream;
}

export interface DemoWeb {
  /** `http://127.0.0.1:<port>/#token=<token>` — open this. */
  url: string;
  /** The data directory cannot be written (its errno code): the preview runs, nothing is saved. */
  readOnly: string | undefined;
  /** `tcp://127.0.0.1:<port>` of the demo printer, when `printerSim` is on. */
  printerSimUrl: string | undefined;
  origin: string;
  token: string;
  desk: Desk;
  close(): Promise<void>;
}

/** Newest modification time under `dir` (0 when it does not exist). */
async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  let entries: string[];
  try {
    entries = await fs.readdir(dir, { recursive: true });
  } catch {
    return (await fs.stat(dir).catch(() => undefined))?.mtimeMs ?? 0;
  }
  for (const name of entries) {
    if (name.includes('node_modules')) continue;
    const stat = await fs.stat(path.join(dir, name)).catch(() => undefined);
    if (stat?.isFile() && stat.mtimeMs > newest) newest = stat.mtimeMs;
  }
  return newest;
}

async function builtFrom(file: string, sources: readonly string[]): Promise<boolean> {
  const built = (await fs.stat(file).catch(() => undefined))?.mtimeMs;
  if (built === undefined) return false;
  const newest = await Promise.all(sources.map((source) => newestMtime(path.join(REPO_ROOT, source))));
  return Math.max(...newest) <= built;
}

/** The built files `ensureBuilt` keeps fresh. */
interface BuiltFiles {
  staticDir: string;
  clientFile: string;
  customerClientFile: string;
}

async function buildIsFresh({ staticDir, clientFile, customerClientFile }: BuiltFiles): Promise<boolean> {
  const contract = 'packages/contract/src';
  const fresh = await Promise.all([
    builtFrom(path.join(staticDir, 'index.html'), [
      'apps/desktop/src/renderer',
      contract,
      'electron.vite.config.ts',
    ]),
    builtFrom(clientFile, [
      'apps/desktop/src/web-preview',
      'apps/desktop/src/preload',
      contract,
      'vite.web-preview.config.mts',
    ]),
    builtFrom(customerClientFile, [
      'apps/desktop/src/web-preview',
      'apps/desktop/src/preload-customer',
      contract,
      'vite.web-preview.config.mts',
    ]),
  ]);
  return fresh.every(Boolean);
}

/** `pnpm build`: the Electron build (main, preload, renderer) and then the web preview's client. */
function runBuild(output: NodeJS.WritableStream): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('pnpm', ['run', 'build'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(output, { end: false });
    child.stderr.pipe(output, { end: false });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

/** Builds the renderer and the browser clients when asked/needed; never throws (the preview starts anyway). */
export async function ensureBuilt(
  built: BuiltFiles,
  mode: DemoWebOptions['build'],
  output: NodeJS.WritableStream,
  logger: Logger,
): Promise<void> {
  if (mode === 'never' || mode === undefined) return;
  if (mode === 'auto' && (await buildIsFresh(built))) return;
  const ok = await runBuild(output);
  if (!ok) logger.warn('demo-web: build failed; serving what exists (or the "not built" page)');
}

function fileLogger(file: string): Logger & { close(): Promise<void> } {
  const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  let broken = false;
  // A log that cannot be written (disk full, read-only) must not take the preview down.
  stream.on('error', () => {
    broken = true;
  });
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    if (broken) return;
    stream.write(`${JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })}\n`);
  };
  return {
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    close: () =>
      new Promise((resolve) => {
        if (broken || stream.destroyed) return resolve();
        stream.end(() => resolve());
      }),
  };
}

const noLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Can the preview keep anything in `dataDir`? Tried for real (a probe file), since permission bits
 * say nothing about a read-only mount and root passes every access check. The errno code, or undefined.
 */
async function notWritable(dataDir: string): Promise<string | undefined> {
  const probe = path.join(dataDir, `.write-probe-${process.pid}`);
  try {
    await fs.mkdir(path.join(dataDir, 'logs'), { recursive: true });
    await fs.writeFile(probe, '');
    await fs.rm(probe, { force: true });
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'error';
  }
}

async function packageVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await fs.readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? `${pkg.version}-web` : 'web';
  } catch {
    return 'web';
  }
}

export async function startDemoWeb(options: DemoWebOptions = {}): Promise<DemoWeb> {
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const staticDir = path.resolve(options.staticDir ?? DEFAULT_STATIC_DIR);
  const clientFile = path.resolve(options.clientFile ?? DEFAULT_CLIENT_FILE);
  const customerClientFile = path.resolve(options.customerClientFile ?? DEFAULT_CUSTOMER_CLIENT_FILE);
  const readOnly = await notWritable(dataDir);
  if (readOnly !== undefined) {
    (options.warnings ?? process.stderr).write(
      `demo:web: the data directory ${dataDir} cannot be written (${readOnly}); the preview runs, but nothing will be saved (settings, PIN, journal, log)\n`,
    );
  }
  const ownLogger =
    options.logger || readOnly !== undefined
      ? undefined
      : fileLogger(path.join(dataDir, 'logs', 'demo-web.log'));
  const logger: Logger = options.logger ?? ownLogger ?? noLogger;

  await ensureBuilt(
    { staticDir, clientFile, customerClientFile },
    options.build,
    options.buildOutput ?? process.stderr,
    logger,
  );
  let sim: RunningPrinterSim | undefined;
  if (options.printerSim) {
    const out = options.printerSimOutput ?? process.stderr;
    sim = await startPrinterSim({ port: 0, columns: 48, onJob: (job) => out.write(`${formatJob(job)}\n`) });
    out.write(`demo:web: printer simulator ${sim.url} is the demo printer (80 mm); slips print here\n`);
  }
  const desk = await createDesk({
    dataDir,
    // ⚠️ A key file next to the data (storage/vault/dev-cipher.ts): fine for a preview, never for a terminal.
    cipher: createDevCipher(path.join(dataDir, 'dev-cipher.key')),
    version: await packageVersion(),
    argv: options.provision ? ['--provision', path.resolve(options.provision)] : [],
    wellKnownProvisionPaths: [],
    logger,
    demo: options.demo ?? true,
    ...(sim
      ? { demoPrinter: { kind: 'escpos-tcp', host: '127.0.0.1', port: sim.port, paperWidthMm: 80 } }
      : {}),
  });
  let bridge;
  try {
    bridge = await startWebBridge({
      desk,
      port: options.port ?? 0,
      staticDir,
      clientFile,
      customerClientFile,
    });
  } catch (error) {
    await desk.close();
    await sim?.close();
    await ownLogger?.close();
    throw error;
  }
  logger.info('demo-web: ready', { origin: bridge.origin, dataDir });
  let closing: Promise<void> | undefined;
  const started = bridge;
  return {
    url: started.url,
    readOnly,
    printerSimUrl: sim?.url,
    origin: started.origin,
    token: started.token,
    desk,
    close: () =>
      (closing ??= (async () => {
        await started.close();
        await desk.close();
        await sim?.close();
        await ownLogger?.close();
      })()),
  };
}
