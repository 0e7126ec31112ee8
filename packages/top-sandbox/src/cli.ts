/**
 * `pnpm sandbox`: runs the local TOP gateway until SIGINT/SIGTERM. The first stdout line is the
 * gateway URL and nothing else, so scripts and tests can read it; extra info follows on later lines.
 * Exit codes: 0 stopped by a signal, 1 could not start (port busy, bad data file), 2 bad flags.
 */
import { readFile } from 'node:fs/promises';
import { parseCliArgs, USAGE, type CliConfig } from './cli-args';
import {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_CARDS,
  DEMO_OUT_BRAND_ID,
  DEMO_OUT_SHOP_ID,
  DEMO_SHOP_ID,
  FAULT_CARDS,
} from './demo-data';
import { startSandbox, type RunningSandbox } from './server';

/** Lines after the URL: the public demo credentials and cards, never a caller-supplied secret. */
function infoLines(config: CliConfig): string[] {
  const lines: string[] = [];
  if (config.app === undefined) lines.push(`app key:    ${DEMO_APP_KEY}`, `app secret: ${DEMO_APP_SECRET}`);
  else lines.push(`app key:    ${config.app.appKey} (secret as given)`);
  if (config.session !== undefined) lines.push('session:    required (as given)');
  if (config.dataFile === undefined) {
    lines.push(
      `brand id:   ${DEMO_BRAND_ID} (out_brand_id ${DEMO_OUT_BRAND_ID})`,
      `shop id:    ${DEMO_SHOP_ID} (out_shop_id ${DEMO_OUT_SHOP_ID})`,
      `demo cards: seed ${DEMO_CARDS.seed}, zero ${DEMO_CARDS.zero}, deleted ${DEMO_CARDS.deleted}, ` +
        `large ${DEMO_CARDS.large}, two accounts ${DEMO_CARDS.twoAccounts}`,
      `fault cards: slow ${FAULT_CARDS.slow}, rate limited ${FAULT_CARDS.rateLimited}, http502 ${FAULT_CARDS.http502}, ` +
        `never ends ${FAULT_CARDS.neverEnds} (all in packages/top-sandbox/README.md)`,
    );
  } else {
    lines.push(`data:       ${config.dataFile}`);
  }
  if (config.latencyMs > 0) lines.push(`latency:    ${config.latencyMs} ms on every answer`);
  if (config.fault !== undefined) lines.push(`fault:      ${config.fault} on every valid request`);
  if (config.tls !== undefined) lines.push(`tls:        ${config.tls.certFile}`);
  return lines;
}

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseCliArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`top-sandbox: ${parsed.message}\nRun with --help for usage.\n`);
    process.exitCode = 2;
    return;
  }
  const { config } = parsed;
  const app = config.app ?? { appKey: DEMO_APP_KEY, appSecret: DEMO_APP_SECRET };
  let sandbox: RunningSandbox;
  try {
    const tls =
      config.tls === undefined
        ? undefined
        : { cert: await readFile(config.tls.certFile), key: await readFile(config.tls.keyFile) };
    sandbox = await startSandbox({
      tls,
      port: config.port,
      apps: [{ ...app, requireSession: config.session }],
      latencyMs: config.latencyMs,
      fault: config.fault,
      ...(config.dataFile === undefined ? {} : { data: config.dataFile }),
      ...(config.slowMs === undefined ? {} : { slowMs: config.slowMs }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'EADDRINUSE' ? '; pass --port <n>, or --port 0 for any free port' : '';
    const message = error instanceof Error ? error.message : String(error); // data errors list every bad field
    process.stderr.write(`top-sandbox: ${message}${hint}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${sandbox.url}\n${infoLines(config).join('\n')}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(130); // a second Ctrl-C: do not wait any longer
    stopping = true;
    process.stderr.write(`top-sandbox: ${signal}, stopping\n`);
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main(process.argv.slice(2));
