/**
 * Hot-path throughput of the sandbox: valid signed requests for the seed card over a keep-alive
 * node:http agent, the way clients reuse sockets.
 *   pnpm exec tsx packages/top-sandbox/bench/hot-path.ts [seconds] [concurrency]
 * starts a sandbox in this process; with SANDBOX_URL=http://127.0.0.1:<port>/router/rest (from
 * `pnpm sandbox --port 0`) it measures a sandbox running in its own process instead.
 */
import { Agent, request } from 'node:http';
import { formatTopTimestamp, signTopParams } from '@balance-desk/top-client';
import { BIZ_PARAM } from '../src/protocol';
import {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_CARDS,
  DEMO_SHOP_ID,
  RECHARGE_ACCOUNT_GET,
} from '../src/demo-data';
import { startSandbox } from '../src/server';

const seconds = Number(process.argv[2] ?? 3);
const concurrency = Number(process.argv[3] ?? 16);
const external = process.env.SANDBOX_URL;
const sandbox = external ? undefined : await startSandbox();
const url = external ?? sandbox?.url ?? '';
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function body(): string {
  const params: Record<string, string> = {
    method: RECHARGE_ACCOUNT_GET,
    app_key: DEMO_APP_KEY,
    timestamp: formatTopTimestamp(new Date()),
    v: '2.0',
    sign_method: 'hmac-sha256',
    format: 'json',
    simplify: 'true',
    [BIZ_PARAM]: JSON.stringify({ brand_id: DEMO_BRAND_ID, shop_id: DEMO_SHOP_ID, card_id: DEMO_CARDS.seed }),
  };
  params.sign = signTopParams(params, DEMO_APP_SECRET, 'hmac-sha256');
  return new URLSearchParams(params).toString();
}

function once(): Promise<void> {
  const payload = body();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => (text.includes('"usable_value":4000') ? resolve() : reject(new Error(text))));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

let done = 0;
const deadline = performance.now() + seconds * 1000;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      await once();
      done += 1;
    }
  }),
);
console.log(`${Math.round(done / seconds)} requests/s (c=${concurrency}, ${seconds}s, ${done} ok)`);
agent.destroy();
await sandbox?.close();
