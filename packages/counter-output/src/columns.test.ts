import { describe, expect, it } from 'vitest';
import { center, columnsFor, labelValue, textWidth, wrap } from './columns';

describe('columns', () => {
  it('has 32 columns on 58 mm paper and 48 on 80 mm', () => {
    expect(columnsFor(58)).toBe(32);
    expect(columnsFor(80)).toBe(48);
  });

  it('counts characters GB18030 encodes in more than one byte as two columns', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('余额查询')).toBe(8);
    expect(textWidth('￥1.00')).toBe(6);
    expect(textWidth('…')).toBe(2);
  });

  it('aligns label and amount rows to the paper width, counting CJK as two', () => {
    const [row] = labelValue('可用余额', '￥1,234.56', 32);
    expect(row).toBe('可用余额' + ' '.repeat(32 - 8 - 10) + '￥1,234.56');
    expect(textWidth(row ?? '')).toBe(32);
  });

  it('puts a value that does not fit on its own line, flush right', () => {
    const rows = labelValue('参考号', 'x'.repeat(30), 32);
    expect(rows).toEqual(['参考号', ' '.repeat(2) + 'x'.repeat(30)]);
  });

  it('wraps without splitting a double-width character over the edge', () => {
    expect(wrap('一二三四五', 5)).toEqual(['一二', '三四', '五']);
    expect(center('余额', 10)).toEqual(['   余额']);
  });
});
