/**
 * `pnpm demo:web [--port <n>] [--data-dir <dir>] [--provision <file>] [--rebuild | --no-build] [--printer-sim]`:
 * the cashier screen in a browser, against the embedded demo gateway (docs/WEB-PREVIEW.md).
 * Prints exactly one line on stdout — the URL to open — once ready, then on stderr the address of
 * the customer-facing view for a second window or screen; Ctrl-C stops it.
 */
import { parseDemoWebArgs } from './demo-web-args';
import { startDemoWeb } from './demo-web-lib';

async function main(): Promise<void> {
  const parsed = parseDemoWebArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`demo:web: ${parsed.error}\n${parsed.usage}\n`);
    process.exitCode = 2;
    return;
  }
  const preview = await startDemoWeb(parsed.options);
  process.stdout.write(`${preview.url}\n`);
  process.stderr.write(
    `demo:web: customer display (second screen): ${preview.origin}/customer#token=${preview.token}\n`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    preview.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo:web failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
