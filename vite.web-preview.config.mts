/**
 * Builds the web preview's browser clients (apps/desktop/src/web-preview), each one classic script
 * (IIFE) served by desk-core's web bridge (scripts/demo-web-lib.ts points it there):
 * out/web-preview/bridge-client.js at `/__bridge.js` (the cashier page) and, with `--mode customer`,
 * out/web-preview/customer-client.js at `/__customer-bridge.js` (the customer page). An IIFE build
 * has one entry, hence the two runs; `pnpm build` runs both after `electron-vite build`. A separate output folder, outside out/renderer, that electron-builder
 * leaves out of the app (apps/desktop/electron-builder.config.ts): the Electron renderer never gets it.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/** The entry and output of each client; the cashier's (built first) empties the folder. */
const CLIENTS = {
  cashier: { entry: 'index.ts', name: 'balanceDeskWebBridge', file: 'bridge-client.js', empty: true },
  customer: {
    entry: 'customer-index.ts',
    name: 'balanceDeskCustomerBridge',
    file: 'customer-client.js',
    empty: false,
  },
} as const;

export default defineConfig(({ mode }) => {
  // `--mode customer` builds the customer client; any other mode (vite's default, or a tool
  // loading this config) the cashier's.
  const client = mode === 'customer' ? CLIENTS.customer : CLIENTS.cashier;
  return {
    // No public/ folder, no index.html: a library build of one entry.
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: resolve(root, 'out/web-preview'),
      emptyOutDir: client.empty,
      target: 'es2022',
      minify: true,
      lib: {
        entry: resolve(root, 'apps/desktop/src/web-preview', client.entry),
        formats: ['iife'],
        name: client.name,
        fileName: () => client.file,
      },
      // As the preload: only `API_CHANNELS` is needed from the contract; its zod schemas are pure,
      // so let tree-shaking drop them.
      rolldownOptions: {
        treeshake: {
          moduleSideEffects: (id: string) => !/[\\/]packages[\\/]contract[\\/]|[\\/]zod[\\/]/.test(id),
        },
      },
    },
  };
});
