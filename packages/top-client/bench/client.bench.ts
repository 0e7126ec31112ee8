/**
 * `pnpm bench:client`: BalanceDesk's TopClient against node-taobao-topclient, the same call
 * (alibaba.alsc.crm.recharge.account.get, seed card) to the same sandbox gateway, side by side in
 * one run; then per-call CPU cost of signing/encoding and parsing. The last line is
 * `ratio: <ours ÷ peer calls/s at concurrency 16, md5>`.
 *
 * The sandbox runs in a child process (this file with `--serve`), so the gateway and the clients
 * each get an event loop; they still share the machine's cores.
 * Flags: --seconds N (default 3) and --calls N (default 5000) bound each cell, whichever ends first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_CARDS,
  DEMO_SHOP_ID,
  startSandbox,
} from '@balance-desk/top-sandbox';
import { TopClient } from '../src/client';
import { buildTopParams, encodeForm, type SystemParams } from '../src/params';
import { parseTopResponse, type ParseContext } from '../src/parse';
import { SIGN_METHODS, signTopParams, type SignMethod } from '../src/sign';
import { formatTopTimestamp } from '../src/timestamp';

// node-taobao-topclient formats `timestamp` with the machine's local clock (docs/TOP-PROTOCOL.md §2
// "Timestamp pitfall"); in Shanghai time its requests pass the gateway's skew check. Node applies
// a TZ assigned at run time to every later Date.
process.env.TZ = 'Asia/Shanghai';

const METHOD = 'alibaba.alsc.crm.recharge.account.get';
const QUERY = { brand_id: DEMO_BRAND_ID, shop_id: DEMO_SHOP_ID, card_id: DEMO_CARDS.seed };

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? Number.NaN : Number(process.argv[at + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** node-taobao-topclient's surface, as used here (it ships no types). */
interface PeerClient {
  execute(
    method: string,
    params: Record<string, unknown>,
  ): Promise<{ result?: { biz_success?: boolean } } | null>;
  sign(params: Record<string, string>): string;
}
type PeerConstructor = new (options: { appkey: string; appsecret: string; REST_URL: string }) => PeerClient;
const PeerTopClient = (
  createRequire(import.meta.url)('node-taobao-topclient') as { default: PeerConstructor }
).default;

/** One call that resolves true when the seed card's balance came back. */
type Call = () => Promise<boolean>;

interface Cell {
  client: string;
  sign: string;
  concurrency: number;
  calls: number;
  failures: number;
  perSecond: number;
  meanMs: number;
  p99Ms: number;
  /** calls/s of the slowest and fastest round. */
  range: string;
  /** CPU time of this (client) process per call, µs. */
  clientCpuUs: number;
  /** CPU time of the sandbox process per call, µs (from /proc; NaN where unavailable). */
  gatewayCpuUs: number;
}

/** utime + stime of a process in µs, from /proc (Linux); NaN elsewhere. */
function processCpuUs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // clock ticks: USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

let gatewayPid: number | undefined;

async function measure(
  call: Call,
  concurrency: number,
  maxCalls: number,
  seconds: number,
): Promise<Omit<Cell, 'client' | 'sign' | 'range'>> {
  const cpu0 = process.cpuUsage();
  const gateway0 = processCpuUs(gatewayPid);
  const latencies = new Float64Array(maxCalls);
  let started = 0;
  let done = 0;
  let failures = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (started < maxCalls && performance.now() < deadline) {
      started += 1;
      const t = performance.now();
      const ok = await call().catch(() => false);
      latencies[done++] = performance.now() - t;
      if (!ok) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const gatewayCpu = processCpuUs(gatewayPid) - gateway0;
  const sorted = latencies.subarray(0, done).sort();
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / done;
  return {
    concurrency,
    calls: done,
    failures,
    perSecond: done / elapsed,
    meanMs: mean,
    p99Ms: sorted[Math.min(done - 1, Math.floor(done * 0.99))] ?? 0,
    clientCpuUs: (cpu.user + cpu.system) / done,
    gatewayCpuUs: gatewayCpu / done,
  };
}

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** µs per iteration of a synchronous step, after a warm-up. */
function micro(step: () => unknown, iterations = 20_000): number {
  for (let i = 0; i < iterations / 10; i++) step();
  const t = performance.now();
  for (let i = 0; i < iterations; i++) step();
  return ((performance.now() - t) * 1000) / iterations;
}

async function startSandboxChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sandbox child exited early (${code})`)));
    lines.once('line', (line) => resolve(line.replace(/^SANDBOX /, '')));
  });
  return { child, url };
}

async function main(): Promise<void> {
  const seconds = flag('seconds', 3);
  const maxCalls = flag('calls', 5000);
  const rounds = flag('rounds', 3);
  const { child, url } = await startSandboxChild();
  gatewayPid = child.pid;
  try {
    const cells: Cell[] = [];
    const ours = (signMethod: SignMethod): { client: TopClient; call: Call } => {
      const client = new TopClient({
        appKey: DEMO_APP_KEY,
        appSecret: DEMO_APP_SECRET,
        gatewayUrl: url,
        signMethod,
      });
      const call: Call = async () => {
        const answer = await client.execute(METHOD, { param_query_recharge_account_open_req: QUERY });
        return (answer.body.result as { biz_success?: unknown } | undefined)?.biz_success === true;
      };
      return { client, call };
    };
    const peerClient = new PeerTopClient({ appkey: DEMO_APP_KEY, appsecret: DEMO_APP_SECRET, REST_URL: url });
    // The peer writes `method` into the object it is given: a fresh one per call.
    const peerCall: Call = async () =>
      (await peerClient.execute(METHOD, { param_query_recharge_account_open_req: QUERY }))?.result
        ?.biz_success === true;

    const contenders: { name: string; sign: string; call: Call; close?: () => void }[] = [];
    for (const signMethod of ['md5', 'hmac-sha256'] as const) {
      const { client, call } = ours(signMethod);
      contenders.push({ name: 'BalanceDesk TopClient', sign: signMethod, call, close: () => client.close() });
      if (signMethod === 'md5')
        contenders.push({ name: 'node-taobao-topclient', sign: 'md5', call: peerCall });
    }
    for (const { name, call } of contenders) {
      if (!(await call())) throw new Error(`${name} did not get the seed card from the sandbox`);
      await measure(call, 16, 800, 1); // warm-up: JIT, sockets, sandbox caches
    }
    // Rounds interleave the contenders, so a neighbour's load (2 shared cores) hits all of them alike;
    // each row reports its median round.
    for (const concurrency of [1, 16]) {
      const samples = contenders.map(() => [] as Cell[]);
      for (let round = 0; round < rounds; round++) {
        for (const [i, { name, sign, call }] of contenders.entries()) {
          samples[i]?.push({
            client: name,
            sign,
            ...(await measure(call, concurrency, maxCalls, seconds)),
            range: '',
          });
        }
      }
      for (const runs of samples) {
        const sorted = runs.sort((a, b) => a.perSecond - b.perSecond);
        const median = sorted[Math.floor(sorted.length / 2)];
        if (median)
          cells.push({
            ...median,
            range: `${fmtInt(sorted[0]?.perSecond ?? 0)}–${fmtInt(sorted.at(-1)?.perSecond ?? 0)}`,
          });
      }
    }
    for (const { close } of contenders) close?.();

    const microRows = await microbenchmarks(url, peerClient);
    report(
      cells,
      microRows,
      url,
      `${rounds} interleaved rounds of ${seconds} s or ${fmtInt(maxCalls)} calls per cell, median round shown`,
      child.pid,
    );
  } finally {
    child.stdin?.end();
    child.kill();
  }
}

async function microbenchmarks(url: string, peer: PeerClient): Promise<[string, number][]> {
  const system = (signMethod: SignMethod, format: 'json' | 'xml', simplify: boolean): SystemParams => ({
    appKey: DEMO_APP_KEY,
    signMethod,
    format,
    simplify,
    session: undefined,
    partnerId: 'balance-desk-bench',
  });
  const business = { param_query_recharge_account_open_req: QUERY };
  const rows: [string, number][] = [];
  for (const signMethod of SIGN_METHODS) {
    rows.push([
      `build + sign + encode (${signMethod})`,
      micro(() => {
        const wire = buildTopParams(
          METHOD,
          business,
          system(signMethod, 'json', true),
          formatTopTimestamp(new Date()),
        );
        wire.sign = signTopParams(wire, DEMO_APP_SECRET, signMethod);
        return encodeForm(wire);
      }),
    ]);
  }
  const peerArgs = {
    timestamp: formatTopTimestamp(new Date()),
    format: 'json',
    app_key: DEMO_APP_KEY,
    v: '2.0',
    sign_method: 'md5',
    method: METHOD,
    param_query_recharge_account_open_req: JSON.stringify(QUERY),
  };
  rows.push(['node-taobao-topclient sign (md5), for reference', micro(() => peer.sign(peerArgs))]);
  for (const [label, format, simplify] of [
    ['parse simplified JSON', 'json', true],
    ['parse standard JSON', 'json', false],
    ['parse XML', 'xml', false],
  ] as const) {
    const wire = buildTopParams(
      METHOD,
      business,
      system('md5', format, simplify),
      formatTopTimestamp(new Date()),
    );
    wire.sign = signTopParams(wire, DEMO_APP_SECRET, 'md5');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: encodeForm(wire),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const ctx: ParseContext = { method: METHOD, simplify, secrets: [DEMO_APP_SECRET, undefined, wire.sign] };
    parseTopResponse(text, contentType, ctx); // throws if the capture is not a success envelope
    rows.push([
      `${label} (${Buffer.byteLength(text)} B)`,
      micro(() => parseTopResponse(text, contentType, ctx)),
    ]);
  }
  return rows;
}

function report(
  cells: Cell[],
  microRows: [string, number][],
  url: string,
  budget: string,
  pid: number | undefined,
): void {
  const fmt = (n: number, digits = 0): string =>
    n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const cpu = cpus();
  console.log(`TopClient vs node-taobao-topclient: ${METHOD}, seed card, POST to ${url}`);
  console.log(
    `sandbox: child process pid ${pid ?? '?'}; Node ${process.version}; ${cpu.length} CPU(s) ${cpu[0]?.model ?? ''}`,
  );
  console.log(budget);
  console.log('');
  const header = [
    'client',
    'sign',
    'conc',
    'calls',
    'failed',
    'calls/s',
    'rounds calls/s',
    'mean ms',
    'p99 ms',
    'client CPU µs/call',
    'gateway CPU µs/call',
  ];
  const rows = cells.map((c) => [
    c.client,
    c.sign,
    String(c.concurrency),
    fmt(c.calls),
    fmt(c.failures),
    fmt(c.perSecond),
    c.range,
    fmt(c.meanMs, 2),
    fmt(c.p99Ms, 2),
    fmt(c.clientCpuUs),
    fmt(c.gatewayCpuUs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cols: string[]): string =>
    cols.map((col, i) => (i < 2 ? col.padEnd(widths[i] ?? 0) : col.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log('');
  console.log('CPU per call (µs, synchronous, 20,000 iterations)');
  const labelWidth = Math.max(...microRows.map(([label]) => label.length));
  for (const [label, us] of microRows)
    console.log(`  ${label.padEnd(labelWidth)}  ${fmt(us, 2).padStart(8)}`);
  console.log('');
  const at16 = (client: string): Cell | undefined =>
    cells.find((c) => c.client === client && c.sign === 'md5' && c.concurrency === 16);
  const ours = at16('BalanceDesk TopClient');
  const peer = at16('node-taobao-topclient');
  // Throughput is capped by whichever process runs out of CPU first (and by neighbours' load);
  // client CPU per call is the client's own efficiency.
  console.log(
    `client CPU per call at concurrency 16, peer ÷ ours: ${((peer?.clientCpuUs ?? Number.NaN) / (ours?.clientCpuUs ?? Number.NaN)).toFixed(2)}`,
  );
  console.log(`ratio: ${((ours?.perSecond ?? Number.NaN) / (peer?.perSecond ?? Number.NaN)).toFixed(2)}`);
}

async function serve(): Promise<void> {
  const sandbox = await startSandbox();
  console.log(`SANDBOX ${sandbox.url}`);
  const stop = (): void => void sandbox.close().then(() => process.exit(0));
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}

if (process.argv.includes('--serve')) {
  await serve();
} else {
  await main();
}
