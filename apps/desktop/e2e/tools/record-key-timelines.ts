/**
 * Records real Chromium keydown timelines for the scanner detector's unit tests
 * (src/renderer/features/scanner/recorded-timelines.json), as the renderer's window listener
 * sees them: key, timeStamp (ms from the first key), isComposing, keyCode.
 * Scanner bursts come from the KeyboardWedge (trusted CDP key events with scanner timing); people
 * type through Playwright's keyboard with human delays. IME timelines cannot be produced headless
 * and are written by hand in the test.
 * Rerun: `pnpm exec tsx apps/desktop/e2e/tools/record-key-timelines.ts`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { KeyboardWedge } from '../keyboard-wedge';

const OUT = path.resolve(__dirname, '../../src/renderer/features/scanner/recorded-timelines.json');

interface Logged {
  key: string;
  timeStamp: number;
  isComposing: boolean;
  keyCode: number;
}

async function record(page: Page, act: () => Promise<void>): Promise<Logged[]> {
  // String expressions: this file is type-checked without the DOM lib (root tsconfig).
  await page.evaluate('window.log = []');
  await act();
  await page.waitForTimeout(100);
  const events = await page.evaluate<Logged[]>('window.log');
  const t0 = events[0]?.timeStamp ?? 0;
  return events.map((e) => ({ ...e, timeStamp: Math.round((e.timeStamp - t0) * 100) / 100 }));
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  });
  const page = await browser.newPage();
  await page.setContent(
    '<input id="f"><script>window.log=[];addEventListener("keydown",e=>log.push({key:e.key,timeStamp:e.timeStamp,isComposing:e.isComposing,keyCode:e.keyCode}),true)</script>',
  );
  const wedge = await KeyboardWedge.attach(page);
  const blur = () => page.evaluate('document.activeElement && document.activeElement.blur()');
  const timelines: Record<string, Logged[]> = {};

  await blur();
  timelines['scanFast2ms'] = await record(page, () => wedge.scan('111950000052400125'));
  timelines['scanJitter1to10ms'] = await record(page, () =>
    wedge.scan('111950000052400125', { intervalMs: [1, 10] }),
  );
  timelines['scanTabTerminator'] = await record(page, () =>
    wedge.scan('111950000052400200', { terminator: 'Tab' }),
  );
  timelines['scanShiftAlnum'] = await record(page, () => wedge.scan('AB12cd34EF56'));
  timelines['scanNoTerminator'] = await record(page, () =>
    wedge.scan('111950000052400402', { terminator: 'none' }),
  );
  timelines['scanFullWidth'] = await record(page, () => wedge.scan('１１１９５０００００５２４００１２５'));
  timelines['scanUrlPayload'] = await record(page, () =>
    wedge.scan('https://m.example.com/c?card=111950000052400125&s=1'),
  );
  timelines['scanPrefixSuffix'] = await record(page, () => wedge.scan(']C1111950000052400125#'));
  timelines['backToBackScans'] = await record(page, async () => {
    await wedge.scan('111950000052400125', { intervalMs: 1 });
    await wedge.scan('111950000052400301', { intervalMs: 1, pauseBeforeMs: 3 });
  });
  // A scanner that stalls mid-scan (a busy machine, a USB hiccup): 10 digits 3 ms apart, a pause,
  // then the last 8 digits and Enter.
  for (const pause of [60, 95, 105, 200, 400, 1200]) {
    timelines[`scanStall${pause}ms`] = await record(page, async () => {
      await wedge.scan('1119500000', { intervalMs: 3, terminator: 'none' });
      await wedge.scan('52400125', { intervalMs: 3, pauseBeforeMs: pause });
    });
  }
  timelines['scanShort5'] = await record(page, () => wedge.scan('12345', { intervalMs: 3 }));
  timelines['humanTyping60ms'] = await record(page, async () => {
    await page.focus('#f');
    await page.keyboard.type('111950000052400125', { delay: 60 });
    await page.keyboard.press('Enter');
  });
  timelines['humanThenScan'] = await record(page, async () => {
    await page.focus('#f');
    await page.keyboard.type('12', { delay: 120 });
    await page.waitForTimeout(50);
    await wedge.scan('111950000052400125', { pauseBeforeMs: 0 });
  });

  await browser.close();
  await writeFile(
    OUT,
    `${JSON.stringify({ recordedWith: 'Chromium (headless) via KeyboardWedge and Playwright keyboard', timelines }, null, 0).replace(/\],"/g, '],\n"')}\n`,
  );
  console.log(`wrote ${OUT}`);
}

void main();
