import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './demo-server';

/** Builds out/ once per run (≈ 1 s), so every test file serves the renderer of this checkout. */
export default function globalSetup(): void {
  const result = spawnSync('pnpm', ['exec', 'electron-vite', 'build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('electron-vite build failed');
}
