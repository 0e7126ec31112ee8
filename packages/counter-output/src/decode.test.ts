import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from './decode';

const bytes = (...parts: Array<number[] | string | Buffer>): Uint8Array =>
  new Uint8Array(
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))),
  );

describe('decodeEscPos', () => {
  it('reads initialise, alignment, bold, Chinese mode, feed and cut', () => {
    const decoded = decodeEscPos(
      bytes(
        [0x1b, 0x40],
        [0x1b, 0x61, 0x01],
        [0x1b, 0x45, 0x01],
        'SHOP',
        [0x1b, 0x45, 0x00, 0x0a],
        [0x1b, 0x61, 0x00],
        [0x1c, 0x26],
        iconv.encode('余额 ￥1.00', 'gb18030'),
        [0x1c, 0x2e, 0x0a],
        [0x1b, 0x64, 0x02],
        [0x1d, 0x56, 0x42, 0x03],
      ),
      { columns: 10 },
    );
    expect(decoded).toEqual({
      initialised: true,
      lines: ['   SHOP', '余额 ￥1.00', '', ''],
      boldLines: [0],
      cuts: 1,
      slips: [['   SHOP', '余额 ￥1.00', '', '']],
      unknown: [],
    });
  });

  it('shows GB18030 sent outside Chinese mode as the garbage a printer would print', () => {
    const decoded = decodeEscPos(bytes([0x1b, 0x40], iconv.encode('余额', 'gb18030'), [0x0a]));
    expect(decoded.lines[0]).not.toContain('余额');
    expect(decoded.lines[0]).toHaveLength(4);
  });

  it('reports a job without initialise or cut, and unknown commands, without guessing', () => {
    const decoded = decodeEscPos(bytes('abc', [0x1b, 0x7a], 'd', [0x0d, 0x0a], 'tail'));
    expect(decoded.initialised).toBe(false);
    expect(decoded.cuts).toBe(0);
    expect(decoded.lines).toEqual(['abcd', 'tail']);
    expect(decoded.slips).toEqual([['abcd', 'tail']]);
    expect(decoded.unknown).toEqual(['1b 7a']);
  });

  it('splits slips at each cut and survives truncated commands at the end', () => {
    const decoded = decodeEscPos(
      bytes('one', [0x0a, 0x1d, 0x56, 0x00], 'two', [0x0a, 0x1d, 0x56, 0x01, 0x1b]),
    );
    expect(decoded.slips).toEqual([['one'], ['two']]);
    expect(decoded.cuts).toBe(2);
  });

  it('feeds n lines with ESC d n, printing what is buffered first', () => {
    expect(decodeEscPos(bytes('a', [0x1b, 0x64, 0x01], 'b', [0x1b, 0x64, 0x03])).lines).toEqual([
      'a',
      'b',
      '',
      '',
    ]);
  });
});
