// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Packages run in plain Node (docs/ARCHITECTURE.md): no Electron, no DOM. */
const noElectron = {
  paths: [
    {
      name: 'electron',
      message: 'packages/ run in plain Node; Electron wiring lives in apps/desktop/src/main.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'out/**',
      'dist/**',
      'reports/**',
      'test-results/**',
      'playwright-report/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      // Type-aware rules: each file is checked with the tsconfig that covers it (the root one, or
      // the renderer's for src/renderer and the web preview page).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Plain JS (this file, scripts/*.mjs) sits in no tsconfig: lint it without type information.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.test.{ts,tsx}', '**/test-support/**/*.ts', 'apps/desktop/src/main/electron-stand-in.ts'],
    rules: {
      // Test doubles stand in for async APIs with `async` on purpose: a throw inside rejects, as the real one does.
      '@typescript-eslint/require-await': 'off',
      // vitest's asymmetric matchers (`expect.any`, `expect.stringContaining`, …) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['packages/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    // Vitest's `node` and `renderer` projects share modules between the files a worker runs
    // (`isolate: false` in vitest.config.mts): a module mock there would leak into the next file.
    // Tests that need one belong to the isolated `electron-wiring` project.
    files: ['packages/**/*.test.ts', 'scripts/**/*.test.ts', 'apps/desktop/src/renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['mock', 'doMock', 'unmock', 'doUnmock'].map((property) => ({
          object: 'vi',
          property,
          message: 'No module mocks where Vitest shares modules between files (vitest.config.mts).',
        })),
      ],
    },
  },
  {
    // Tests sit beside the code with their helpers in `src/test-support/` (docs/ARCHITECTURE.md
    // "Tests"); the code a package ships never imports either.
    files: ['packages/**/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noElectron,
          patterns: [
            {
              group: ['**/test-support/**', '**/*.test', '**/*.test.ts'],
              message: 'Test helpers and tests stay out of the code a package ships.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/**/src/**/*.ts'],
    ignores: ['packages/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Tests sit beside their code; what they share lives in `src/test-support/`, which shipped code never imports.
    files: ['packages/**/src/**/*.ts'],
    ignores: ['packages/**/*.test.ts', 'packages/**/src/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noElectron,
          patterns: [{ group: ['**/test-support/**'], message: 'Only tests import test-support/.' }],
        },
      ],
    },
  },
  {
    files: ['apps/desktop/src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The typescript-eslint variant, for `allowTypeImports`: from the contract's index the renderer
      // imports only *types*, since a runtime import would bundle zod and the validators into the
      // untrusted side. At run time it may import the contract's model (`@balance-desk/contract/model`:
      // plain data and pure functions, no zod, no Node) and nothing else of the workspace.
      // docs/ARCHITECTURE.md explains why.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer is untrusted: it talks to main only via window.balanceDesk.',
            },
            {
              name: '@balance-desk/contract',
              allowTypeImports: true,
              message:
                'The renderer imports only contract types (`import type`); run-time code comes from `@balance-desk/contract/model`.',
            },
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node.' },
            {
              group: [
                '@balance-desk/*',
                '@balance-desk/*/**',
                '!@balance-desk/contract',
                '!@balance-desk/contract/model',
              ],
              message:
                'The renderer imports contract types and `@balance-desk/contract/model`, nothing else of the workspace.',
            },
          ],
        },
      ],
    },
  },
  {
    // The model is what the renderer bundles: it stays free of zod, Node and everything else, so
    // its files import only each other.
    files: ['packages/contract/src/model/**/*.ts'],
    ignores: ['packages/contract/src/model/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./)',
              message:
                'The contract model imports only its own files (`./…`): no zod, no Node, no other module.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web preview's browser client stands in for the preload: the same narrow imports, in a page.
    files: ['apps/desktop/src/web-preview/**/*.ts'],
    ignores: ['apps/desktop/src/web-preview/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                '@balance-desk/desk-core',
                '@balance-desk/top-*',
                '@balance-desk/recharge',
                'electron',
              ],
              message: 'The web preview client runs in the page: the contract API over fetch only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/desktop/src/preload/**/*.ts', 'apps/desktop/src/preload-customer/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '@balance-desk/desk-core', '@balance-desk/top-*', '@balance-desk/recharge'],
              message: 'The sandboxed preload exposes the contract API only.',
            },
          ],
        },
      ],
    },
  },
);
