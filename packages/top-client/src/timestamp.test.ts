import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatTopTimestamp, parseTopTimestamp } from './timestamp';

const run = promisify(execFile);
const MODULE = fileURLToPath(new URL('./timestamp.ts', import.meta.url));

/** Instants around day, month and year boundaries in Shanghai. */
const INSTANTS = [
  '2024-05-20T02:12:00.000Z',
  '2023-12-31T16:00:00.000Z',
  '2024-02-28T16:30:59.999Z',
  '2021-03-14T07:30:00.000Z',
];
const EXPECTED = ['2024-05-20 10:12:00', '2024-01-01 00:00:00', '2024-02-29 00:30:59', '2021-03-14 15:30:00'];

describe('formatTopTimestamp', () => {
  it('formats in GMT+8 whatever the instant', () => {
    expect(INSTANTS.map((iso) => formatTopTimestamp(new Date(iso)))).toEqual(EXPECTED);
  });

  it('rejects an invalid date', () => {
    expect(() => formatTopTimestamp(new Date('nope'))).toThrow(RangeError);
  });

  // A real process per zone: TZ is read once at start-up, so it cannot be changed inside this one.
  it.each(['America/New_York', 'Asia/Kolkata', 'UTC', 'Asia/Shanghai', 'Pacific/Chatham'])(
    'gives the same GMT+8 string on a machine set to %s',
    async (tz) => {
      const script = `
        const { formatTopTimestamp } = await import(${JSON.stringify(MODULE)});
        const instants = ${JSON.stringify(INSTANTS)};
        console.log(JSON.stringify({
          offset: new Date(${JSON.stringify(INSTANTS[0])}).getTimezoneOffset(),
          out: instants.map((iso) => formatTopTimestamp(new Date(iso))),
        }));`;
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        {
          env: { ...process.env, TZ: tz },
          timeout: 15_000,
        },
      );
      const { offset, out } = JSON.parse(stdout) as { offset: number; out: string[] };
      const expectedOffset = {
        'America/New_York': 240,
        'Asia/Kolkata': -330,
        UTC: 0,
        'Asia/Shanghai': -480,
        'Pacific/Chatham': -765,
      }[tz];
      expect(offset).toBe(expectedOffset); // the child really ran in that zone
      expect(out).toEqual(EXPECTED);
    },
  );
});

describe('parseTopTimestamp', () => {
  it('reads GMT+8 text back to the same instant', () => {
    INSTANTS.forEach((iso, i) => {
      const at = new Date(iso);
      at.setUTCMilliseconds(0);
      expect(parseTopTimestamp(EXPECTED[i] as string)?.toISOString()).toBe(at.toISOString());
    });
  });

  it('refuses malformed or impossible dates', () => {
    for (const bad of [
      '2024-02-30 00:00:00',
      '2024-13-01 00:00:00',
      '2024-01-01T00:00:00',
      '2024-01-01 24:00:00',
      '',
    ]) {
      expect(parseTopTimestamp(bad)).toBeUndefined();
    }
  });
});
