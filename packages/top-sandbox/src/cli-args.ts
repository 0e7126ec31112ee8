import { parseArgs } from 'node:util';
import { FAULT_NAMES, isFaultName, type FaultName } from './demo-data';

export const DEFAULT_CLI_PORT = 8787;

export const USAGE = `Usage: pnpm sandbox [options]

A local TOP gateway (alibaba.alsc.crm.recharge.account.get) on 127.0.0.1.
Prints the gateway URL on its first line once ready; Ctrl-C stops it.

Options:
  --port <n>          port to bind on 127.0.0.1 (default ${DEFAULT_CLI_PORT}; 0 = any free port)
  --app-key <key>     app key to accept (default: the demo app key, printed on start)
  --app-secret <s>    its app secret (required with --app-key)
  --session <token>   require this session key (answers 26/27 without it)
  --data <file>       JSON data set (see packages/top-sandbox/README.md); default: built-in demo cards
  --latency <ms>      delay added to every answer (default 0)
  --fault <name>      apply a fault to every valid request: ${FAULT_NAMES.join(', ')}
  --slow-ms <ms>      delay of the "slow" fault (default 1500)
  --tls-cert <file>   serve HTTPS with this PEM certificate (chain); needs --tls-key
  --tls-key <file>    the PEM private key of --tls-cert
  -h, --help          show this help
`;

export interface CliConfig {
  port: number;
  app: { appKey: string; appSecret: string } | undefined;
  session: string | undefined;
  dataFile: string | undefined;
  latencyMs: number;
  fault: FaultName | undefined;
  slowMs: number | undefined;
  tls: { certFile: string; keyFile: string } | undefined;
}

export type CliParse =
  { kind: 'help' } | { kind: 'run'; config: CliConfig } | { kind: 'error'; message: string };

function integer(name: string, text: string | undefined, max: number): number | string | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) > max)
    return `--${name} must be an integer from 0 to ${max}, got "${text}"`;
  return Number(text);
}

/** Parses CLI flags; never throws (usage errors come back as `{ kind: 'error' }`, exit code 2). */
export function parseCliArgs(argv: readonly string[]): CliParse {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'app-key': { type: 'string' },
        'app-secret': { type: 'string' },
        session: { type: 'string' },
        data: { type: 'string' },
        latency: { type: 'string' },
        fault: { type: 'string' },
        'slow-ms': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };

  const port = integer('port', values.port, 65_535) ?? DEFAULT_CLI_PORT;
  if (typeof port === 'string') return { kind: 'error', message: port };
  const latencyMs = integer('latency', values.latency, 600_000) ?? 0;
  if (typeof latencyMs === 'string') return { kind: 'error', message: latencyMs };
  const slowMs = integer('slow-ms', values['slow-ms'], 600_000);
  if (typeof slowMs === 'string') return { kind: 'error', message: slowMs };

  const appKey = values['app-key'];
  const appSecret = values['app-secret'];
  if ((appKey === undefined) !== (appSecret === undefined)) {
    return {
      kind: 'error',
      message: '--app-key and --app-secret go together: give both, or neither for the demo app',
    };
  }
  if (appKey === '' || appSecret === '')
    return { kind: 'error', message: '--app-key and --app-secret must not be empty' };
  if (values.session === '') return { kind: 'error', message: '--session must not be empty' };
  if (values.data === '') return { kind: 'error', message: '--data needs a file path' };
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if ((certFile === undefined) !== (keyFile === undefined))
    return { kind: 'error', message: '--tls-cert and --tls-key go together: give both, or neither for HTTP' };
  if (certFile === '' || keyFile === '')
    return { kind: 'error', message: '--tls-cert and --tls-key need a file path' };
  const fault = values.fault;
  if (fault !== undefined && !isFaultName(fault)) {
    return { kind: 'error', message: `unknown --fault "${fault}"; one of: ${FAULT_NAMES.join(', ')}` };
  }
  return {
    kind: 'run',
    config: {
      port,
      app: appKey !== undefined && appSecret !== undefined ? { appKey, appSecret } : undefined,
      session: values.session,
      dataFile: values.data,
      latencyMs,
      fault,
      slowMs,
      tls: certFile !== undefined && keyFile !== undefined ? { certFile, keyFile } : undefined,
    },
  };
}
