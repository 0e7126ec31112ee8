import { parseArgs } from 'node:util';

export const DEFAULT_PRINTER_PORT = 9100;

export const USAGE = `Usage: pnpm printer-sim [options]

A network receipt printer (ESC/POS over TCP, "port 9100") on 127.0.0.1 for trying slip printing
without hardware. Prints its address on the first line once ready, then each job as text with a
cut line. Ctrl-C stops it.

Options:
  --port <n>          port to listen on (default ${DEFAULT_PRINTER_PORT}; 0 = any free port)
  --save-dir <dir>    also save each job's raw bytes to <dir>/job-<start>-<n>.bin
  --width <mm>        paper width for centred text in the view: 58 or 80 (default 80)
  -h, --help          show this help
`;

interface PrinterSimConfig {
  port: number;
  saveDir: string | undefined;
  paperWidthMm: 58 | 80;
}

export type PrinterSimArgs =
  { kind: 'help' } | { kind: 'run'; config: PrinterSimConfig } | { kind: 'error'; message: string };

/** Parses the simulator's flags; never throws (usage errors come back as `{ kind: 'error' }`). */
export function parsePrinterSimArgs(argv: readonly string[]): PrinterSimArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'save-dir': { type: 'string' },
        width: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  let port = DEFAULT_PRINTER_PORT;
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65_535)
      return { kind: 'error', message: `--port must be an integer from 0 to 65535, got "${values.port}"` };
    port = Number(values.port);
  }
  if (values['save-dir'] === '') return { kind: 'error', message: '--save-dir needs a folder' };
  const width = values.width ?? '80';
  if (width !== '58' && width !== '80')
    return { kind: 'error', message: `--width must be 58 or 80, got "${width}"` };
  return {
    kind: 'run',
    config: { port, saveDir: values['save-dir'], paperWidthMm: width === '58' ? 58 : 80 },
  };
}
