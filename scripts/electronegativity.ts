/**
 * `tsx scripts/electronegativity.ts` — the Electron security gate (see electronegativity-gate.ts).
 * Exit 0: every finding is explained in apps/desktop/electronegativity-allowlist.json; 1 otherwise.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gate, parseAllowlist, runElectronegativity } from './electronegativity-gate';

const repoRoot = path.resolve(__dirname, '..');
const appDir = 'apps/desktop';
/**
 * The code Electron runs (main, preloads, renderer pages), not the whole app folder: its
 * node_modules links lead into the workspace, where a dependency cycle between packages made the
 * scan follow links without end and run out of memory.
 */
const scannedDir = `${appDir}/src`;

async function main(): Promise<number> {
  const allowlist = parseAllowlist(
    await readFile(path.join(repoRoot, appDir, 'electronegativity-allowlist.json'), 'utf8'),
  );
  const findings = await runElectronegativity(repoRoot, scannedDir);
  const result = gate(findings, allowlist);
  for (const f of result.allowed) console.log(`allowed      ${f.check} ${f.file}:${f.line ?? '?'}`);
  for (const a of result.stale)
    console.log(
      `stale entry  ${a.check} ${a.file} ${JSON.stringify(a.snippet)} (matches nothing; delete it)`,
    );
  // The snippet is printed as JSON so that a reviewed finding can be copied into the allowlist as is.
  for (const f of result.unexplained)
    console.log(
      `FINDING      ${f.check} [${f.level}] ${f.file}:${f.line ?? '?'} ${f.message}\n             snippet ${JSON.stringify(f.snippet)}`,
    );
  console.log(
    `electronegativity: ${findings.length} findings, ${result.allowed.length} allowed, ${result.unexplained.length} unexplained`,
  );
  return result.unexplained.length === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(
      `electronegativity gate failed to run: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 2;
  },
);
