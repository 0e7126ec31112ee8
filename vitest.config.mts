import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Two tiers run here (docs/ARCHITECTURE.md "Tests"): Node for packages, scripts and the Electron
// wiring, jsdom for the renderer.
// Chromium e2e runs under Playwright (apps/desktop/playwright.config.ts).
// Inline projects do not inherit the root's test options, so each one gets the timeouts itself:
// real servers, real files and scrypt on a busy 2-core CI machine need more than Vitest's 5 s.
const timeouts = { testTimeout: 20_000, hookTimeout: 20_000 };

export default defineConfig({
  test: {
    // Every core: Vitest's default for `run` leaves one idle, which is half of a 2-core machine.
    maxWorkers: '100%',
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    ...timeouts,
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          // Modules are loaded once per worker, not once per file (that loading was most of this
          // project's time). Safe because nothing here mocks a module (ESLint refuses `vi.mock` in
          // these files) and the files pass in any order (`--sequence.shuffle.files`).
          isolate: false,
          ...timeouts,
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        test: {
          // Fresh modules for every file: each test file boots main/index.ts (or a preload)
          // against its own vi.mock('electron').
          name: 'electron-wiring',
          environment: 'node',
          ...timeouts,
          include: [
            'apps/desktop/src/main/**/*.test.ts',
            'apps/desktop/src/preload/**/*.test.ts',
            'apps/desktop/src/web-preview/**/*.test.ts',
            'apps/desktop/src/preload-customer/**/*.test.ts',
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
          // resets the stores it uses and unmounts what it rendered (they also pass shuffled).
          isolate: false,
          ...timeouts,
          include: ['apps/desktop/src/renderer/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
