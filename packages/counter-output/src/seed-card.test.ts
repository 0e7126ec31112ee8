import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupOutcome } from '@balance-desk/contract';
import { createDesk, createDevCipher, type Desk } from '@balance-desk/desk-core';
import { DEMO_CARDS } from '@balance-desk/top-sandbox';
import { buildBalanceSlip } from './slip';
import { buildCustomerView } from './customer-view';
import { encodeEscPosSlip } from './escpos';
import { formatJob, startPrinterSim, type RunningPrinterSim } from './printer-sim';
import { sendToNetworkPrinter } from './tcp-sender';

/**
 * The whole path with real parts: a real desk (demo mode, its embedded sandbox gateway over
 * loopback HTTP) looks the demo cards up, and their outcomes are printed to the simulator.
 */
describe('demo cards, looked up for real, printed to the simulator', { timeout: 30_000 }, () => {
  let desk: Desk;
  let dir: string;
  let printer: RunningPrinterSim;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'counter-output-desk-'));
    desk = await createDesk({
      dataDir: dir,
      cipher: createDevCipher(path.join(dir, 'dev-cipher.key')),
      version: '9.9.9-test',
      argv: [],
      wellKnownProvisionPaths: [],
    });
    printer = await startPrinterSim({ port: 0, columns: 48 });
  }, 30_000);
  afterAll(async () => {
    await printer?.close();
    await desk?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function lookup(cardId: string): Promise<LookupOutcome> {
    return desk.call('balance:lookup', { cardId });
  }

  async function print(outcome: LookupOutcome): Promise<string> {
    const build = buildBalanceSlip(outcome, {
      storeName: '演示门店 Demo Store',
      shopId: 'SHOP-DEMO',
      terminalName: 'POS-1',
      locale: 'zh-CN',
      now: new Date('2026-11-29T13:15:31.000Z'),
      timeZone: 'Asia/Shanghai',
    });
    if (build.kind !== 'slip') throw new Error(build.detail);
    const next = printer.nextJob();
    const sent = await sendToNetworkPrinter(encodeEscPosSlip(build.slip, { paperWidthMm: 80 }), {
      host: '127.0.0.1',
      port: printer.port,
      connectTimeoutMs: 5_000,
      writeTimeoutMs: 5_000,
    });
    expect(sent.ok).toBe(true);
    const job = await next;
    expect(job.decoded.initialised).toBe(true);
    expect(job.decoded.cuts).toBe(1);
    return formatJob(job);
  }

  it('prints the seed card masked, with its balances and request id', async () => {
    const outcome = await lookup(DEMO_CARDS.seed);
    expect(outcome.kind).toBe('ok');
    const text = await print(outcome);
    expect(text).toContain('余额查询');
    expect(text).toContain(`****${DEMO_CARDS.seed.slice(-4)}`);
    expect(text).not.toContain(DEMO_CARDS.seed);
    if (outcome.kind === 'ok') {
      expect(text).toContain(outcome.requestId ?? 'no request id');
      expect(buildCustomerView(outcome, { storeName: 'S', locale: 'en', showParts: false })).toMatchObject({
        kind: 'balance',
        card: `****${DEMO_CARDS.seed.slice(-4)}`,
      });
    }
  });

  it('says a deleted account is closed, and prints both accounts of a two-account card', async () => {
    const deleted = await print(await lookup(DEMO_CARDS.deleted));
    expect(deleted).toContain('已注销');
    const two = await print(await lookup(DEMO_CARDS.twoAccounts));
    expect(two).toContain('账户 1');
    expect(two).toContain('账户 2');
  });

  it('refuses to print a card the CRM does not know', async () => {
    const outcome = await lookup(DEMO_CARDS.otherShop);
    expect(outcome.kind).toBe('error');
    expect(
      buildBalanceSlip(outcome, {
        storeName: '',
        shopId: '',
        terminalName: '',
        locale: 'en',
        now: new Date(),
        timeZone: 'UTC',
      }),
    ).toMatchObject({ kind: 'refused', reason: 'no-balances' });
  });
});
