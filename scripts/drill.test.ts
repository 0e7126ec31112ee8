import { describe, expect, it } from 'vitest';
import { DRILLS, formatRow, runDrill, summaryLine } from './drill-lib';

// The same drills as `pnpm drill`, one test each, so `pnpm test` runs them too.
describe('fault drill', () => {
  it('has at least 25 drills', () => {
    expect(DRILLS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(DRILLS.map((drill, index) => [index + 1, drill.fault, drill] as const))(
    'drill %i: %s',
    async (index, _fault, drill) => {
      const row = await runDrill(drill);
      expect(row, formatRow(row, index - 1)).toMatchObject({ passed: true, intact: true });
    },
    120_000,
  );

  it('prints the summary line the CLI ends with', () => {
    expect(
      summaryLine([
        { area: 'storage', fault: 'f', did: 'd', intact: true, passed: true },
        { area: 'storage', fault: 'g', did: 'd', intact: false, passed: false },
      ]),
    ).toBe('drills: 1 passed, 1 failed');
  });
});
