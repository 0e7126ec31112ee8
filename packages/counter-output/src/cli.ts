/**
 * `pnpm printer-sim`: a network receipt printer on 127.0.0.1 until SIGINT/SIGTERM. The first
 * stdout line is its address (tcp://127.0.0.1:PORT) and nothing else, so scripts and tests can
 * read it. Exit codes: 0 stopped by a signal, 1 could not start (port busy), 2 bad flags.
 */
import { parsePrinterSimArgs, USAGE } from './cli-args';
import { columnsFor } from './columns';
import { formatJob, startPrinterSim, type RunningPrinterSim } from './printer-sim';

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parsePrinterSimArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`printer-sim: ${parsed.message}\nRun with --help for usage.\n`);
    process.exitCode = 2;
    return;
  }
  const { config } = parsed;
  let sim: RunningPrinterSim;
  try {
    sim = await startPrinterSim({
      port: config.port,
      columns: columnsFor(config.paperWidthMm),
      ...(config.saveDir === undefined ? {} : { saveDir: config.saveDir }),
      onJob: (job) => process.stdout.write(`${formatJob(job)}\n`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'EADDRINUSE' ? '; pass --port <n>, or --port 0 for any free port' : '';
    process.stderr.write(`printer-sim: ${(error as Error).message}${hint}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(
    `${sim.url}\n` +
      `printer:    ESC/POS over TCP, Chinese mode GB18030, ${config.paperWidthMm} mm paper\n` +
      (config.saveDir === undefined ? '' : `saving to:  ${config.saveDir}\n`),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write(`printer-sim: ${signal}, stopping\n`);
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main(process.argv.slice(2));
