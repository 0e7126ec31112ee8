import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './demo-server';

/** Builds out/ once per run (`pnpm build`), so every test file serves the renderer and web client of this checkout. */
export default function globalSetup(): void {
  const result = spawnSync('pnpm', ['run', 'build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('pnpm build failed');
}
