import { zhCN } from '../src/renderer/i18n/zh-CN';
import { CARDS, FAULTS } from './cards';
import { expect, test, MANAGER_PIN } from './fixtures';
import { CashierPage } from './pages/cashier-page';

/**
 * A tone and a flash after every read, in real Chromium with real Web Audio. The test only
 * watches: an init script records each oscillator the page starts (wave, pitch) and the loudest
 * gain it ramps to, then lets the real call through.
 */
const WATCH_AUDIO = `(() => {
  window.__tones = [];
  window.__peak = 0;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (when) {
    window.__tones.push(this.type + ' ' + Math.round(this.frequency.value));
    return start.call(this, when);
  };
  const ramp = AudioParam.prototype.linearRampToValueAtTime;
  AudioParam.prototype.linearRampToValueAtTime = function (value, time) {
    window.__peak = Math.max(window.__peak, value);
    return ramp.call(this, value, time);
  };
})()`;

const BALANCE = ['sine 1047', 'sine 1568'];
const ERROR = ['square 330', 'square 220'];

test.describe.configure({ mode: 'serial' });

test('a balance and an error each get their own tone and flash; a dropped scan sounds like an error', async ({
  page,
  preview,
}) => {
  await page.addInitScript(WATCH_AUDIO);
  const cashier = new CashierPage(page);
  await cashier.open(preview.url);
  const tones = () => page.evaluate<string[]>('window.__tones');
  const flash = page.getByTestId('read-flash');

  await cashier.scan(CARDS.seed);
  await cashier.expectUsable('¥40.00');
  await expect(flash).toHaveAttribute('data-tone', 'balance');
  await cashier.screenshot('read-flash-balance');
  await expect.poll(tones).toEqual(BALANCE);
  // Default volume 50: a quarter of the loudest gain.
  expect(await page.evaluate<number>('window.__peak')).toBeCloseTo(0.125, 3);

  await cashier.scan(FAULTS.permission);
  await expect(cashier.error).toBeVisible();
  await expect(flash).toHaveAttribute('data-tone', 'error');
  await expect.poll(tones).toEqual([...BALANCE, ...ERROR]);

  await cashier.scan('12345', { intervalMs: 3 });
  await expect(page.getByTestId('scan-notice')).toBeVisible();
  await expect.poll(tones).toEqual([...BALANCE, ...ERROR, ...ERROR]);
  // The flash never takes a click: the keypad under it still works.
  await page.getByRole('button', { name: '1', exact: true }).click();
  await expect(cashier.input).toHaveValue('1');
});

test('the manager sets the volume in settings; 0 and flash off make a read silent and still', async ({
  page,
  preview,
}) => {
  await preview.configure({}); // sets the manager PIN
  await page.addInitScript(WATCH_AUDIO);
  const cashier = new CashierPage(page);
  await cashier.open(preview.url);
  await cashier.openSettingsWithF2();
  await cashier.enterPin(MANAGER_PIN);
  const volume = page.getByLabel(zhCN.settings.fields.readToneVolume);
  const flashFlag = page.getByLabel(zhCN.settings.fields.readFlash);
  await expect(volume).toHaveValue('50');
  await expect(flashFlag).toBeChecked();
  await volume.fill('100');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-state')).toHaveText(zhCN.settings.saved);
  await page.keyboard.press('Escape');
  await cashier.scan(CARDS.seed);
  await cashier.expectUsable('¥40.00');
  await expect.poll(() => page.evaluate<number>('window.__peak')).toBeCloseTo(0.5, 3);

  await preview.configure({ readToneVolume: 0, readFlash: false });
  await page.reload();
  await expect(page.locator('.app')).toHaveAttribute('data-ready', 'true');
  await cashier.scan(CARDS.giftOnly);
  await cashier.expectUsable('¥50.00');
  await cashier.scan(FAULTS.permission);
  await expect(cashier.error).toBeVisible();
  await page.waitForTimeout(300);
  expect(await page.evaluate<string[]>('window.__tones')).toEqual([]);
  await expect(page.getByTestId('read-flash')).toHaveCount(0);
});
