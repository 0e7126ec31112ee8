import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CARDS, FAULT_CARDS } from '@balance-desk/top-sandbox';
import { decodeEscPos, startPrinterSim, type RunningPrinterSim } from '@balance-desk/counter-output';
import type { PrinterSettings } from '@balance-desk/contract';
import { managerToken, startDesk, type DeskFixture } from '../test-support/desk-fixture';
import type { SlipPrinter, SlipPrintJob } from './slip-printer';

/** A port nothing listens on: bound, noted, closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The thin stand-in for Electron's hidden print window: it keeps each job. */
function fakeSlipPrinter(result: Awaited<ReturnType<SlipPrinter['print']>> = { kind: 'printed' }) {
  const jobs: SlipPrintJob[] = [];
  const printer: SlipPrinter = {
    print: async (job) => {
      jobs.push(job);
      return result;
    },
    listPrinters: async () => [{ name: 'XP-58', displayName: 'XP-58' }],
  };
  return { printer, jobs };
}

let fx: DeskFixture | undefined;
let sim: RunningPrinterSim | undefined;
afterEach(async () => {
  await fx?.close();
  await sim?.close();
  fx = undefined;
  sim = undefined;
});

async function deskWith(printer: PrinterSettings | null, slipPrinter?: SlipPrinter): Promise<DeskFixture> {
  fx = await startDesk({
    terminalName: 'POS-7',
    timeZone: 'Asia/Shanghai',
    printTimeouts: { connectMs: 2_000, writeMs: 2_000 },
    ...(slipPrinter ? { slipPrinter } : {}),
  });
  const token = await managerToken(fx.desk);
  const saved = await fx.desk.call('settings:update', { managerToken: token, patch: { printer } });
  if (saved.kind !== 'ok') throw new Error(JSON.stringify(saved));
  return fx;
}

describe('printing the result on screen', () => {
  it('sends the seed card to a network printer: initialise, masked card, balances, cut, no full number', async () => {
    sim = await startPrinterSim({ port: 0 });
    const { desk } = await deskWith({
      kind: 'escpos-tcp',
      host: '127.0.0.1',
      port: sim.port,
      paperWidthMm: 80,
    });
    const outcome = await desk.call('balance:lookup', { cardId: DEMO_CARDS.seed });
    if (outcome.kind !== 'ok') throw new Error(outcome.kind);
    const job = sim.nextJob();
    expect(await desk.call('slip:print', { at: outcome.at, requestId: outcome.requestId })).toEqual({
      kind: 'printed',
      printer: 'escpos-tcp',
    });
    const { bytes } = await job;
    expect([...bytes.slice(0, 2)]).toEqual([0x1b, 0x40]);
    const decoded = decodeEscPos(bytes);
    expect(decoded.cuts).toBe(1);
    const text = decoded.lines.join('\n');
    expect(text).toContain(`****${DEMO_CARDS.seed.slice(-4)}`);
    expect(text).toContain('演示门店');
    expect(text).toContain('POS-7');
    expect(text).toContain('可用余额');
    expect(text).toMatch(/￥[\d,]+\.\d\d/);
    expect(Buffer.from(bytes).includes(Buffer.from(DEMO_CARDS.seed))).toBe(false);
  });

  it('refuses a result that is not the latest on screen, and any while a newer lookup runs', async () => {
    sim = await startPrinterSim({ port: 0 });
    const { desk } = await deskWith({
      kind: 'escpos-tcp',
      host: '127.0.0.1',
      port: sim.port,
      paperWidthMm: 58,
    });
    const first = await desk.call('balance:lookup', { cardId: DEMO_CARDS.seed });
    if (first.kind === 'cancelled') throw new Error('cancelled');
    expect(await desk.call('slip:print', { at: 'not-this-one' })).toEqual({
      kind: 'failed',
      reason: 'not-on-screen',
    });
    expect(await desk.call('slip:print', { at: first.at, requestId: 'another-request' })).toEqual({
      kind: 'failed',
      reason: 'not-on-screen',
    });
    const second = desk.call('balance:lookup', { cardId: DEMO_CARDS.seed });
    expect(await desk.call('slip:print', { at: first.at })).toEqual({
      kind: 'failed',
      reason: 'not-on-screen',
    });
    await second;
    expect(sim.jobs).toHaveLength(0);
  });

  it('says when the printer is unreachable, then prints on retry once it listens', async () => {
    const port = await closedPort();
    const { desk } = await deskWith({ kind: 'escpos-tcp', host: '127.0.0.1', port, paperWidthMm: 80 });
    const outcome = await desk.call('balance:lookup', { cardId: DEMO_CARDS.seed });
    if (outcome.kind === 'cancelled') throw new Error('cancelled');
    expect(await desk.call('slip:print', { at: outcome.at })).toEqual({ kind: 'failed', reason: 'refused' });
    sim = await startPrinterSim({ port });
    const job = sim.nextJob();
    expect(await desk.call('slip:print', { at: outcome.at })).toMatchObject({ kind: 'printed' });
    expect(decodeEscPos((await job).bytes).cuts).toBe(1);
  });

  it('prints a frozen card as its state, with no balances', async () => {
    sim = await startPrinterSim({ port: 0 });
    const { desk } = await deskWith({
      kind: 'escpos-tcp',
      host: '127.0.0.1',
      port: sim.port,
      paperWidthMm: 80,
    });
    const outcome = await desk.call('balance:lookup', { cardId: FAULT_CARDS.bizError });
    expect(outcome).toMatchObject({ kind: 'error', reason: 'card-state' });
    if (outcome.kind === 'cancelled') throw new Error('cancelled');
    const job = sim.nextJob();
    expect(await desk.call('slip:print', { at: outcome.at })).toMatchObject({ kind: 'printed' });
    const text = decodeEscPos((await job).bytes).lines.join('\n');
    expect(text).toContain('卡状态');
    expect(text).toContain('已冻结');
    expect(text).not.toContain('￥');
  });

  it('answers not-configured without a printer, nothing-to-print for a fault', async () => {
    const { desk } = await deskWith(null);
    const outcome = await desk.call('balance:lookup', { cardId: DEMO_CARDS.seed });
    if (outcome.kind === 'cancelled') throw new Error('cancelled');
    expect(await desk.call('slip:print', { at: outcome.at })).toEqual({
      kind: 'failed',
      reason: 'not-configured',
    });
    const token = await managerToken(desk);
    await desk.call('settings:update', {
      managerToken: token,
      patch: {
        printer: { kind: 'escpos-tcp', host: '127.0.0.1', port: await closedPort(), paperWidthMm: 80 },
      },
    });
    const missing = await desk.call('balance:lookup', { cardId: DEMO_CARDS.otherShop });
    if (missing.kind === 'cancelled') throw new Error('cancelled');
    expect(await desk.call('slip:print', { at: missing.at })).toEqual({
      kind: 'failed',
      reason: 'nothing-to-print',
    });
  });

  it('hands a system printer an HTML slip with the paper width and device name', async () => {
    const fake = fakeSlipPrinter();
    const { desk } = await deskWith({ kind: 'system', deviceName: 'XP-58', paperWidthMm: 58 }, fake.printer);
    const outcome = await desk.call('balance:lookup', { cardId: DEMO_CARDS.seed });
    if (outcome.kind === 'cancelled') throw new Error('cancelled');
    expect(await desk.call('slip:print', { at: outcome.at })).toEqual({ kind: 'printed', printer: 'system' });
    expect(fake.jobs).toHaveLength(1);
    expect(fake.jobs[0]).toMatchObject({ deviceName: 'XP-58', paperWidthMm: 58 });
    expect(fake.jobs[0]?.html).toContain('width: 58mm');
    expect(fake.jobs[0]?.html).not.toContain(DEMO_CARDS.seed);
  });

  it('a system printer without the OS port (web preview) is unavailable', async () => {
    const { desk } = await deskWith({ kind: 'system', deviceName: 'XP-58', paperWidthMm: 80 });
    const outcome = await desk.call('balance:lookup', { cardId: DEMO_CARDS.seed });
    if (outcome.kind === 'cancelled') throw new Error('cancelled');
    expect(await desk.call('slip:print', { at: outcome.at })).toEqual({
      kind: 'failed',
      reason: 'printer-unavailable',
    });
  });
});

describe('test print and the printer list', () => {
  it('needs a manager; prints a draft printer; answers a bad draft at its fields', async () => {
    sim = await startPrinterSim({ port: 0 });
    const fake = fakeSlipPrinter();
    const { desk } = await deskWith(null, fake.printer);
    expect(await desk.call('slip:test', { managerToken: 'x'.repeat(32) })).toEqual({ kind: 'unauthorized' });
    const token = await managerToken(desk);
    expect(await desk.call('slip:test', { managerToken: token })).toEqual({
      kind: 'failed',
      reason: 'not-configured',
    });
    const job = sim.nextJob();
    expect(
      await desk.call('slip:test', {
        managerToken: token,
        printer: { kind: 'escpos-tcp', host: '127.0.0.1', port: sim.port, paperWidthMm: 58 },
      }),
    ).toEqual({ kind: 'printed', printer: 'escpos-tcp' });
    expect(decodeEscPos((await job).bytes).lines.join('\n')).toContain('测试打印');
    expect(
      await desk.call('slip:test', {
        managerToken: token,
        printer: { kind: 'escpos-tcp', host: 'http://printer', paperWidthMm: 80 },
      }),
    ).toEqual({ kind: 'invalid', fieldErrors: [{ path: 'printer.host', code: 'invalid-host' }] });
    expect(await desk.call('printers:list', { managerToken: token })).toEqual({
      kind: 'printers',
      printers: [{ name: 'XP-58', displayName: 'XP-58' }],
    });
  });

  it('without the OS port the list is unavailable', async () => {
    const { desk } = await deskWith(null);
    const token = await managerToken(desk);
    expect(await desk.call('printers:list', { managerToken: token })).toEqual({ kind: 'unavailable' });
  });
});
