import type { KnipConfig } from 'knip';

/**
 * Unused files, dependencies and exports (`pnpm lint:exports`). Entry points come from the plugins
 * (package.json scripts, electron-vite, Vitest, Playwright) plus the few below that no config names.
 * Entry files' exports count too, so a package's index exports only what other workspaces import.
 */
const config: KnipConfig = {
  includeEntryExports: true,
  // Run as a system binary by a test that makes a self-signed certificate.
  ignoreBinaries: ['openssl'],
  workspaces: {
    '.': {
      // `.ci/run` prints the closing `N passed, N failed` line with it.
      entry: ['scripts/test-summary.mjs'],
      // Resolved through `createRequire(…).resolve` by scripts/electronegativity-gate.ts.
      ignoreDependencies: ['@doyensec/electronegativity'],
    },
    'apps/desktop': {
      // The renderer's module entry (electron-vite's plugin reads only `rollupOptions.input`).
      entry: [
        'src/renderer/main.tsx',
        'src/renderer/customer/main.tsx',
        'src/web-preview/index.ts',
        'src/web-preview/customer-index.ts',
        'e2e/tools/*.ts',
        'electron-builder.config.ts',
      ],
    },
    'packages/top-client': { entry: ['bench/*.ts'] },
    'packages/top-sandbox': { entry: ['src/cli.ts', 'bench/*.ts'] },
    'packages/counter-output': { entry: ['src/cli.ts'] },
    // Started by path as child processes by the crash and provisioning tests.
    'packages/desk-core': { entry: ['src/test-support/fixtures/*.ts'] },
  },
};

export default config;
