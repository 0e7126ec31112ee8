import { scanInPage } from './in-page-scanner';
import { expect, test } from './fixtures';

const SCANS = 1000;

/** This many go through Chromium's real input pipeline (trusted CDP key events); the rest in-page. */
const TRUSTED = 150;
const CHUNK = 85;

/** 18-digit ids, and every fifth an alphanumeric one with capitals (Shift keydowns inside the code). */
function cardIds(): string[] {
  return Array.from({ length: SCANS }, (_, i) =>
    i % 5 === 4
      ? `AB${String(i).padStart(6, '0')}Cd${String(i * 7919).padStart(8, '0')}`
      : `1119${String(i * 104729).padStart(14, '0')}`,
  );
}

test('1,000 scans at scanner speed (1–2 ms/key): none dropped, none garbled', async ({ cashier }) => {
  test.setTimeout(150_000);
  const ids = cardIds();
  const started = Date.now();
  for (const [i, id] of ids.slice(0, TRUSTED).entries()) {
    // Focus changes now and then: the field, then nothing, as on a real counter.
    if (i % 50 === 0) await cashier.input.focus();
    if (i % 50 === 25) await cashier.blurField();
    await cashier.scan(id, { intervalMs: [1, 2], pauseBeforeMs: 8 });
  }
  for (let i = TRUSTED; i < SCANS; i += CHUNK) {
    if ((i / CHUNK) % 2 === 0) await cashier.input.focus();
    else await cashier.blurField();
    await scanInPage(cashier.page, ids.slice(i, i + CHUNK));
  }
  await expect.poll(async () => (await cashier.scanLog()).length).toBeGreaterThanOrEqual(SCANS);
  const received = await cashier.scanLog();
  const expected = new Set(ids);
  const got = new Set(received);
  const dropped = ids.filter((id) => !got.has(id)).length;
  const garbled = received.filter((id) => !expected.has(id)).length;
  const line = `${received.length}/${SCANS} scans received by the lookup store (${TRUSTED} trusted CDP, ${SCANS - TRUSTED} in-page) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${dropped} dropped, ${garbled} garbled`;
  console.log(line);
  test.info().annotations.push({ type: 'scans', description: line });
  expect({
    dropped: ids.filter((id) => !got.has(id)),
    garbled: received.filter((id) => !expected.has(id)),
  }).toEqual({ dropped: [], garbled: [] });
  expect(received).toEqual(ids); // and in order
  await expect(cashier.input).toHaveValue('');
  await expect(cashier.pending.or(cashier.result).or(cashier.error)).toBeVisible(); // the screen still answers
});
