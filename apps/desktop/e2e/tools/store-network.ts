/**
 * A store network for the e2e (run with tsx, as a child process: Playwright's loader cannot load
 * these ESM packages in-process): an HTTPS sandbox gateway whose certificate comes from a
 * generated "inspection" CA, named `gateway.test`, a name only the CONNECT proxy on 127.0.0.1 can
 * resolve; the proxy demands Basic credentials. Writes a provisioning file for `demo:web
 * --provision`, prints one JSON line describing it all, then one line per CONNECT; SIGTERM stops it.
 *
 *   tsx apps/desktop/e2e/tools/store-network.ts <dir> <managerPin>
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_SHOP_ID,
  startSandbox,
} from '@balance-desk/top-sandbox';
import { startConnectProxy } from '@balance-desk/top-sandbox/connect-proxy';
import { createTestCa } from '@balance-desk/top-sandbox/test-pki';

export interface StoreNetworkInfo {
  provisionFile: string;
  proxyUrl: string;
  gatewayUrl: string;
  caCertificate: string;
  issuer: string;
}

const CREDENTIALS = { username: 'store-042', password: 'e2e-proxy-pass' };

async function main(dir: string, managerPin: string): Promise<void> {
  const ca = createTestCa({ commonName: 'Contoso Inspection CA', organization: 'Contoso Retail' });
  const gateway = await startSandbox({ tls: ca.issue(['gateway.test']) });
  const proxy = await startConnectProxy({ hosts: { 'gateway.test': '127.0.0.1' }, auth: CREDENTIALS });
  const gatewayUrl = `https://gateway.test:${gateway.port}/router/rest`;
  const provisionFile = path.join(dir, 'provision.json');
  await writeFile(
    provisionFile,
    JSON.stringify({
      gatewayUrl,
      appKey: DEMO_APP_KEY,
      appSecret: DEMO_APP_SECRET,
      brandId: DEMO_BRAND_ID,
      shopId: DEMO_SHOP_ID,
      shopName: '代理测试店',
      managerPin,
      insecureStorageAccepted: true,
      proxyUrl: proxy.url,
      proxyCredentials: `${CREDENTIALS.username}:${CREDENTIALS.password}`,
      caCertificates: ca.cert,
    }),
  );
  const info: StoreNetworkInfo = {
    provisionFile,
    proxyUrl: proxy.url,
    gatewayUrl,
    caCertificate: ca.cert,
    issuer: 'CN=Contoso Inspection CA, O=Contoso Retail',
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  let reported = 0;
  const timer = setInterval(() => {
    for (const record of proxy.connects.slice(reported))
      process.stdout.write(`CONNECT ${record.authority} ${record.status}\n`);
    reported = proxy.connects.length;
  }, 50);
  const stop = (): void => {
    clearInterval(timer);
    void Promise.all([gateway.close(), proxy.close()]).then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const [dir, pin] = process.argv.slice(2);
if (!dir || !pin) {
  process.stderr.write('usage: tsx apps/desktop/e2e/tools/store-network.ts <dir> <managerPin>\n');
  process.exit(2);
}
void main(dir, pin);
