import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Two tiers run here (docs/ARCHITECTURE.md "Tests"): Node for packages and main-process wiring,
// jsdom for the renderer.
// Chromium e2e runs under Playwright (apps/desktop/playwright.config.ts).
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'apps/desktop/src/main/**/*.test.ts',
            'apps/desktop/src/preload/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['apps/desktop/src/renderer/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
