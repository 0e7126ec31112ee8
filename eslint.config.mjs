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
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['packages/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['packages/**/src/**/*.ts'],
    ignores: ['packages/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['apps/desktop/src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The typescript-eslint variant, for `allowTypeImports`: from the contract's index the renderer
      // imports only *types*, since a runtime import would bundle zod and the validators into the
      // untrusted side; its pure, dependency-free modules come by subpath (`@balance-desk/contract/…`,
      // which the one-segment pattern below does not match). docs/ARCHITECTURE.md explains why.
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
              message: 'The renderer imports only contract types (`import type`).',
            },
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node.' },
            {
              group: ['@balance-desk/*', '!@balance-desk/contract'],
              message: 'The renderer imports only contract types.',
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
