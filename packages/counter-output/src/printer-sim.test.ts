import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRINTER_PORT, parsePrinterSimArgs, USAGE } from './cli-args';
import { buildBalanceSlip } from './slip';
import { encodeEscPosSlip } from './escpos';
import { formatJob, startPrinterSim, type RunningPrinterSim } from './printer-sim';
import { sendToNetworkPrinter } from './tcp-sender';
import { account, context, FULL_CARD, okOutcome } from './test-support/fixtures';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function slipBytes(paperWidthMm: 58 | 80 = 80): Uint8Array {
  const build = buildBalanceSlip(okOutcome([account()]), context());
  if (build.kind !== 'slip') throw new Error(build.detail);
  return encodeEscPosSlip(build.slip, { paperWidthMm });
}

async function sim(options: Parameters<typeof startPrinterSim>[0]): Promise<RunningPrinterSim> {
  const running = await startPrinterSim(options);
  cleanups.push(() => running.close());
  return running;
}

const send = (port: number, bytes: Uint8Array) =>
  sendToNetworkPrinter(bytes, { host: '127.0.0.1', port, connectTimeoutMs: 5_000, writeTimeoutMs: 5_000 });

describe('printer simulator', () => {
  it('takes each connection as one job, decodes it and saves the raw bytes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'printer-sim-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const printer = await sim({ port: 0, saveDir: path.join(dir, 'jobs'), columns: 48 });
    expect(printer.url).toBe(`tcp://127.0.0.1:${printer.port}`);

    const bytes = slipBytes();
    const next = printer.nextJob();
    expect(await send(printer.port, bytes)).toMatchObject({ ok: true });
    const job = await next;
    expect(job.number).toBe(1);
    expect(job.decoded.initialised).toBe(true);
    expect(job.decoded.cuts).toBe(1);
    expect(job.decoded.lines.join('\n')).toContain('****0125');
    expect(job.savedTo).toBeDefined();
    expect(Buffer.from(await readFile(job.savedTo ?? '')).equals(Buffer.from(bytes))).toBe(true);

    const text = formatJob(job);
    expect(text).toContain('余额查询');
    expect(text).toContain('- cut -');
    expect(text).not.toContain(FULL_CARD);

    const second = printer.nextJob();
    await send(printer.port, slipBytes(58));
    expect((await second).number).toBe(2);
    expect(printer.jobs).toHaveLength(2);
  });

  it('still shows a job it could not save', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'printer-sim-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const blocked = path.join(dir, 'file');
    await import('node:fs/promises').then((fs) => fs.writeFile(blocked, 'not a folder'));
    const printer = await sim({ port: 0, saveDir: blocked });
    const next = printer.nextJob();
    await send(printer.port, slipBytes());
    const job = await next;
    expect(job.savedTo).toBeUndefined();
    expect(job.saveError).toMatch(/EEXIST|ENOTDIR/);
    expect(formatJob(job)).toContain('(not saved:');
  });

  it('says when a job has no initialise or no cut', async () => {
    const printer = await sim({ port: 0 });
    const next = printer.nextJob();
    await send(printer.port, new Uint8Array(Buffer.from('hello\n')));
    const text = formatJob(await next);
    expect(text).toContain('(no ESC @ initialise at the start)');
    expect(text).toContain('hello\n(no cut at the end)');
  });
});

describe('parsePrinterSimArgs', () => {
  it('defaults to port 9100 and 80 mm', () => {
    expect(DEFAULT_PRINTER_PORT).toBe(9100);
    expect(parsePrinterSimArgs([])).toEqual({
      kind: 'run',
      config: { port: 9100, saveDir: undefined, paperWidthMm: 80 },
    });
    expect(parsePrinterSimArgs(['--port', '0', '--save-dir', 'out', '--width', '58'])).toEqual({
      kind: 'run',
      config: { port: 0, saveDir: 'out', paperWidthMm: 58 },
    });
    expect(parsePrinterSimArgs(['-h'])).toEqual({ kind: 'help' });
    expect(USAGE).toContain('--save-dir');
  });

  it('explains bad flags', () => {
    for (const argv of [
      ['--port', 'x'],
      ['--port', '70000'],
      ['--width', '76'],
      ['--save-dir', ''],
      ['--nope'],
    ]) {
      expect(parsePrinterSimArgs(argv), argv.join(' ')).toMatchObject({ kind: 'error' });
    }
  });
});

// Starting tsx in a child process takes seconds on a loaded machine; nothing here is timed.
describe('pnpm printer-sim', { timeout: 60_000 }, () => {
  it('prints its address first, then each slip with a cut line', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--width', '80'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    });
    let out = '';
    const waitFor = (pattern: RegExp): Promise<RegExpMatchArray> =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = out.match(pattern);
          if (match) {
            child.stdout.off('data', onData);
            resolve(match);
          }
        };
        const onData = (d: Buffer): void => {
          out += d.toString('utf8');
          check();
        };
        child.stdout.on('data', onData);
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
        check();
      });
    const [first, port] = await waitFor(/^tcp:\/\/127\.0\.0\.1:(\d+)\n/);
    expect(first).toMatch(/^tcp:/);
    await send(Number(port), slipBytes());
    await waitFor(/- cut -/);
    expect(out).toContain('余额查询');
    expect(out).toContain('****0125');
    expect(out).not.toContain(FULL_CARD);
  });
});
