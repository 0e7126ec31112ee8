import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { buildBalanceSlip, type BalanceSlip } from './slip';
import { decodeEscPos } from './decode';
import { encodeEscPosSlip } from './escpos';
import { textWidth } from './columns';
import { layoutSlip } from './slip-lines';
import { account, context, okOutcome } from './test-support/fixtures';

function slip(overrides: Parameters<typeof context>[0] = {}): BalanceSlip {
  const build = buildBalanceSlip(
    okOutcome([account(), account({ accountId: 'acc-2', deleted: true, usable: 0 })]),
    context(overrides),
  );
  if (build.kind !== 'slip') throw new Error(build.detail);
  return build.slip;
}

function indexOf(haystack: Uint8Array, needle: ArrayLike<number>): number {
  return Buffer.from(haystack).indexOf(Buffer.from(Array.from(needle)));
}

describe('encodeEscPosSlip', () => {
  it('initialises first, then feeds and cuts at the end', () => {
    const bytes = encodeEscPosSlip(slip(), { paperWidthMm: 80 });
    expect(Array.from(bytes.subarray(0, 2))).toEqual([0x1b, 0x40]);
    const cut = indexOf(bytes, [0x1d, 0x56]);
    expect(cut).toBeGreaterThan(bytes.length - 8);
    // at least four line feeds right before the cut, so the last line clears the blade
    expect(Array.from(bytes.subarray(cut - 4, cut))).toEqual([0x0a, 0x0a, 0x0a, 0x0a]);
  });

  it('sends Chinese as GB18030 in the printer’s Chinese mode, with the full-width yuan sign', () => {
    const bytes = encodeEscPosSlip(slip(), { paperWidthMm: 58 });
    const title = iconv.encode('余额查询', 'gb18030');
    const at = indexOf(bytes, title);
    expect(at).toBeGreaterThan(0);
    const on = Buffer.from(bytes).lastIndexOf(Buffer.from([0x1c, 0x26]), at);
    const off = indexOf(bytes.subarray(at), [0x1c, 0x2e]);
    expect(on).toBeGreaterThan(0);
    expect(off).toBeGreaterThan(0);
    expect(indexOf(bytes, [0xa3, 0xa4])).toBeGreaterThan(0); // ￥
    expect(indexOf(bytes, iconv.encode('¥', 'gb18030'))).toBe(-1);
    // The encoder's own text path would have replaced Chinese with "?".
    expect(indexOf(bytes, [0x3f, 0x3f])).toBe(-1);
  });

  it('never puts a Chinese byte outside Chinese mode', () => {
    const bytes = encodeEscPosSlip(slip(), { paperWidthMm: 80 });
    let chinese = false;
    for (let i = 0; i < bytes.length; i += 1) {
      if (bytes[i] === 0x1c && bytes[i + 1] === 0x26) chinese = true;
      if (bytes[i] === 0x1c && bytes[i + 1] === 0x2e) chinese = false;
      if ((bytes[i] ?? 0) >= 0x80) expect(chinese, `byte ${i}`).toBe(true);
    }
  });

  for (const paperWidthMm of [58, 80] as const) {
    for (const locale of ['zh-CN', 'en'] as const) {
      it(`round-trips through the decoder at ${paperWidthMm} mm in ${locale}`, () => {
        const columns = paperWidthMm === 58 ? 32 : 48;
        const s = slip({ locale });
        const decoded = decodeEscPos(encodeEscPosSlip(s, { paperWidthMm }), { columns });
        expect(decoded.initialised).toBe(true);
        expect(decoded.cuts).toBe(1);
        expect(decoded.unknown).toEqual([]);
        expect(decoded.slips).toHaveLength(1);
        const printed = (decoded.slips[0] ?? []).filter((l) => l.trim() !== '');
        expect(printed).toEqual(layoutSlip(s, columns).map((l) => l.text.trimEnd()));
        for (const line of decoded.lines) expect(textWidth(line)).toBeLessThanOrEqual(columns);
        const text = decoded.lines.join('\n');
        expect(text).toContain(locale === 'en' ? 'BALANCE INQUIRY' : '余额查询');
        expect(text).toContain(locale === 'en' ? 'Not a receipt of payment' : '非消费凭证');
        expect(text).toContain('****0125');
        expect(text).toContain('￥1,234.56');
        expect(text).toContain('req-7f3a9c');
        expect(text).toContain(locale === 'en' ? 'Closed' : '已注销');
        // the usable balance is bold
        const usableLine = decoded.lines.findIndex((l) => l.includes('￥1,234.56'));
        expect(decoded.boldLines).toContain(usableLine);
      });
    }
  }

  it('keeps label and amount on one line, amount flush right, at both widths', () => {
    for (const [paperWidthMm, columns] of [
      [58, 32],
      [80, 48],
    ] as const) {
      const decoded = decodeEscPos(encodeEscPosSlip(slip(), { paperWidthMm }), { columns });
      const usable = decoded.lines.find((l) => l.startsWith('可用余额'));
      expect(usable?.endsWith('￥1,234.56')).toBe(true);
      expect(textWidth(usable ?? '')).toBe(columns);
    }
  });

  it('never lets text become a printer command, even in a slip made by hand', () => {
    const handMade = { ...slip(), storeName: 'Shop\u001dV\u0000\u001b@' };
    const decoded = decodeEscPos(encodeEscPosSlip(handMade, { paperWidthMm: 58 }), { columns: 32 });
    expect(decoded.cuts).toBe(1);
    expect(decoded.unknown).toEqual([]);
    expect(decoded.lines[0]?.trim()).toBe('Shop V  @');
  });
});
