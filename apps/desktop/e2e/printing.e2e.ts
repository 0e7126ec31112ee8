import net from 'node:net';
import { zhCN } from '../src/renderer/i18n/zh-CN';
import { CARDS } from './cards';
import { expect, test } from './fixtures';
import { CashierPage } from './pages/cashier-page';

// One terminal, one story: the printer set in the first test is the one the later ones use.
test.describe.configure({ mode: 'serial' });

/** A port-9100 printer stand-in: each connection is one job, its bytes kept whole. */
interface Listener {
  port: number;
  jobs: Buffer[];
  nextJob(): Promise<Buffer>;
  close(): Promise<void>;
}

async function listen(port = 0): Promise<Listener> {
  const jobs: Buffer[] = [];
  const waiters: Array<(job: Buffer) => void> = [];
  const server = net.createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      const job = Buffer.concat(chunks);
      jobs.push(job);
      waiters.shift()?.(job);
      socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    jobs,
    nextJob: () => new Promise((resolve) => waiters.push(resolve)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port with nothing on it: bound once, then freed. */
async function closedPort(): Promise<number> {
  const probe = await listen();
  await probe.close();
  return probe.port;
}

const ESC_INIT = Buffer.from([0x1b, 0x40]);
const GS_CUT = Buffer.from([0x1d, 0x56]);

let port: number;
let printer: Listener | undefined;
test.afterAll(async () => {
  await printer?.close();
});

test('a printer that is off: the cashier reads why, Retry prints once it is back; the bytes are a whole slip', async ({
  page,
  preview,
}) => {
  port = await closedPort();
  await preview.configure({ printer: { kind: 'escpos-tcp', host: '127.0.0.1', port, paperWidthMm: 80 } });
  const cashier = new CashierPage(page);
  await cashier.open(preview.url);
  await cashier.scan(CARDS.seed);
  await cashier.expectUsable('¥40.00');

  await page.keyboard.press('F9');
  const state = page.getByTestId('print-state');
  await expect(state).toHaveAttribute('data-reason', 'refused');
  await expect(state).toContainText(zhCN.printing.reasons.refused);
  // Printing failed, yet the next scan goes on as ever.
  await cashier.scan(CARDS.giftOnly);
  await expect(cashier.answerFor(CARDS.giftOnly)).toBeVisible();
  await cashier.scan(CARDS.seed);
  await cashier.expectUsable('¥40.00');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('print-retry')).toBeVisible();
  await cashier.screenshot('print-failed');

  printer = await listen(port);
  const job = printer.nextJob();
  await page.getByTestId('print-retry').click();
  await expect(state).toHaveText(zhCN.printing.printed);
  const bytes = await job;
  expect(bytes.subarray(0, 2)).toEqual(ESC_INIT);
  expect(bytes.includes(GS_CUT)).toBe(true);
  expect(bytes.lastIndexOf(GS_CUT)).toBeGreaterThan(bytes.length - 8);
  const text = new TextDecoder('gb18030').decode(bytes);
  expect(text).toContain('****0125');
  expect(text).toContain('余额查询');
  expect(text).toMatch(/可用余额\s+￥40\.00/);
  expect(text).toContain('演示门店');
  // Never the full card number, in any encoding the printer could read it.
  expect(bytes.includes(Buffer.from(CARDS.seed))).toBe(false);
  expect(text).not.toContain(CARDS.seed);
  await cashier.screenshot('print-printed');
});

test('the HTML slip of the result on screen renders to PDF at 58 and 80 mm', async ({
  page,
  preview,
}, testInfo) => {
  const cashier = new CashierPage(page);
  await cashier.open(preview.url);
  await expect(page.getByTestId('print-button')).toHaveCount(0);
  await cashier.scan(CARDS.deleted);
  await expect(cashier.answerFor(CARDS.deleted)).toBeVisible();
  await expect(page.getByTestId('print-button')).toBeVisible();

  const slip = await page.context().newPage();
  for (const width of [58, 80] as const) {
    const response = await slip.goto(
      `${preview.server.origin}/slip?token=${preview.server.token}&width=${width}`,
    );
    expect(response?.status()).toBe(200);
    await expect(slip.locator('main.slip')).toContainText('****0301');
    await expect(slip.locator('.note')).toBeVisible(); // a closed account says so
    expect(await slip.content()).not.toContain(CARDS.deleted);
    const height = await slip.evaluate<number>('Math.ceil(document.body.getBoundingClientRect().height)');
    const pdf = await slip.pdf({
      path: testInfo.outputPath(`slip-${width}mm.pdf`),
      width: `${width}mm`,
      height: `${height + 30}px`,
      printBackground: true,
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await slip.screenshot({ path: testInfo.outputPath(`slip-${width}mm.png`), fullPage: true });
  }
  expect((await slip.goto(`${preview.server.origin}/slip`))?.status()).toBe(401);
});
