// Prints one plain line `N passed, N failed[, N skipped]` summed from the test runners' JSON reports,
// so a run that executed no test is visible (see .ci/run). Exits 1 when nothing ran or anything failed.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);

const vitest = read('reports/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += (vitest.numFailedTests ?? 0) + (vitest.numRuntimeErrorTestSuites ?? 0);
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
} else {
  console.log('reports/vitest.json missing: the unit tests did not run to the end');
}

const playwright = read('reports/playwright.json');
if (playwright) {
  const s = playwright.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  if (s.flaky)
    console.log(`${s.flaky} e2e test(s) passed only on retry (flaky): see reports/playwright.json`);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  failed += (playwright.errors ?? []).length;
} else {
  console.log('reports/playwright.json missing: the e2e tests did not run to the end');
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
