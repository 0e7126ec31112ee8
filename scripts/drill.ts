/**
 * `pnpm drill`: the storage, provisioning and credential fault drill (scripts/drill-lib.ts). One
 * row per drill (fault → what the terminal did → data intact yes/no), then
 * `drills: N passed, N failed`; exits non-zero when a drill failed.
 */
import { DRILLS, formatRow, runDrill, summaryLine, type DrillRow } from './drill-lib';

async function main(): Promise<void> {
  const rows: DrillRow[] = [];
  for (const drill of DRILLS) {
    const row = await runDrill(drill);
    rows.push(row);
    process.stdout.write(`${formatRow(row, rows.length - 1)}\n`);
  }
  process.stdout.write(`${summaryLine(rows)}\n`);
  if (rows.some((row) => !row.passed)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`drill: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
