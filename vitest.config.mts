import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Two tiers run here (docs/ARCHITECTURE.md "Tests"): Node for packages and main-process wiring,
// jsdom for the renderer.
// Chromium e2e runs under Playwright (apps/desktop/playwright.config.ts).
// Inline projects do not inherit the root's test options, so each one gets the timeouts itself:
// real servers, real files and scrypt on a busy 2-core CI machine need more than Vitest's 5 s.
const timeouts = { testTimeout: 20_000, hookTimeout: 20_000 };

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    ...timeouts,
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          ...timeouts,
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'apps/desktop/src/main/**/*.test.ts',
            'apps/desktop/src/preload/**/*.test.ts',
            'apps/desktop/src/web-preview/**/*.test.ts',
            'apps/desktop/src/preload-customer/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          // One jsdom per worker instead of one per test file: setting jsdom up is most of this
          // project's time (≈ 5 s a file on a busy 2-core machine). Safe here because every test
          // resets the stores it uses and unmounts what it rendered (they also pass shuffled). Not
          // for the node project: main's tests each boot index.ts against their own vi.mock('electron').
          isolate: false,
          ...timeouts,
          include: ['apps/desktop/src/renderer/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
