import type { DemoWebOptions } from './demo-web-lib';

const DEMO_WEB_USAGE =
  'usage: pnpm demo:web [--port <n>] [--data-dir <dir>] [--provision <file>] [--rebuild | --no-build] [--printer-sim]';

export type ParsedDemoWebArgs =
  { ok: true; options: DemoWebOptions } | { ok: false; error: string; usage: string };

/** `--name value` and `--name=value`; the CLI builds the renderer when needed (`auto`) unless told otherwise. */
export function parseDemoWebArgs(args: readonly string[]): ParsedDemoWebArgs {
  const options: DemoWebOptions = { build: 'auto' };
  const fail = (error: string): ParsedDemoWebArgs => ({ ok: false, error, usage: DEMO_WEB_USAGE });
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i += 1;
      return next;
    };
    switch (name) {
      case '--port': {
        const text = value();
        const port = Number(text);
        if (text === undefined || !Number.isInteger(port) || port < 0 || port > 65535)
          return fail('--port needs a number 0–65535');
        options.port = port;
        break;
      }
      case '--data-dir': {
        const dir = value();
        if (!dir) return fail('--data-dir needs a directory');
        options.dataDir = dir;
        break;
      }
      case '--provision': {
        const file = value();
        if (!file) return fail('--provision needs a file');
        options.provision = file;
        break;
      }
      case '--rebuild':
        options.build = 'always';
        break;
      case '--no-build':
        options.build = 'never';
        break;
      case '--printer-sim':
        options.printerSim = true;
        break;
      case '--':
        break;
      default:
        return fail(`unknown argument ${JSON.stringify(arg.slice(0, 40))}`);
    }
  }
  return { ok: true, options };
}
