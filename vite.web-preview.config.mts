/**
 * Builds the web preview's browser client (apps/desktop/src/web-preview) into
 * out/web-preview/bridge-client.js: one classic script (IIFE), served by desk-core's web bridge at
 * `/__bridge.js` (scripts/demo-web-lib.ts points it there). `pnpm build` runs it after
 * `electron-vite build`. A separate output folder, outside out/renderer, that electron-builder
 * leaves out of the app (apps/desktop/electron-builder.config.ts): the Electron renderer never gets it.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  // No public/ folder, no index.html: a library build of one entry.
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'out/web-preview'),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    lib: {
      entry: resolve(root, 'apps/desktop/src/web-preview/index.ts'),
      formats: ['iife'],
      name: 'balanceDeskWebBridge',
      fileName: () => 'bridge-client.js',
    },
    // As the preload: only `API_CHANNELS` is needed from the contract; its zod schemas are pure,
    // so let tree-shaking drop them.
    rolldownOptions: {
      treeshake: {
        moduleSideEffects: (id: string) => !/[\\/]packages[\\/]contract[\\/]|[\\/]zod[\\/]/.test(id),
      },
    },
  },
});
