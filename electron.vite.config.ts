/**
 * Builds apps/desktop: out/main (CommonJS, workspace packages bundled in), out/preload (CommonJS,
 * self-contained: a sandboxed preload cannot `require` anything but `electron`), out/renderer.
 * electron-vite externalizes only the *root* package.json's `dependencies`, and the root has none:
 * keep it so, or desk-core & co. would be left as bare `require`s that the packaged app cannot resolve.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const desktop = resolve(__dirname, 'apps/desktop');
const out = resolve(__dirname, 'out');

export default defineConfig({
  main: {
    build: {
      outDir: resolve(out, 'main'),
      lib: { entry: resolve(desktop, 'src/main/index.ts') },
    },
  },
  preload: {
    build: {
      outDir: resolve(out, 'preload'),
      // Two preloads: the cashier window's and the customer window's (a view subscription only).
      lib: {
        entry: {
          index: resolve(desktop, 'src/preload/index.ts'),
          customer: resolve(desktop, 'src/preload-customer/index.ts'),
        },
      },
      externalizeDeps: false,
      // The preload needs only `API_CHANNELS` from the contract; its module-level zod schemas are
      // pure, so let tree-shaking drop them (≈190 kB of zod otherwise).
      rolldownOptions: {
        treeshake: {
          moduleSideEffects: (id: string) => !/[\\/]packages[\\/]contract[\\/]|[\\/]zod[\\/]/.test(id),
        },
      },
    },
  },
  renderer: {
    root: resolve(desktop, 'src/renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(out, 'renderer'),
      minify: true,
      rolldownOptions: {
        input: {
          index: resolve(desktop, 'src/renderer/index.html'),
          customer: resolve(desktop, 'src/renderer/customer.html'),
        },
      },
    },
  },
});
