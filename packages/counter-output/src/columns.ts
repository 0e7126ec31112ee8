/**
 * Column arithmetic for a receipt printer in Chinese mode. Every character that GB18030 encodes in
 * more than one byte (Hanzi, full-width ￥, "…") prints as a double-width glyph, ASCII as single
 * width; so the width of a character follows from its encoding, not from Unicode's East Asian
 * Width tables (which call "…" narrow, while the printer prints it wide).
 */

export type PaperWidthMm = 58 | 80;

/** Characters per line in the printer's standard 12×24 font: 32 on 58 mm paper, 48 on 80 mm. */
export function columnsFor(paperWidthMm: PaperWidthMm): 32 | 48 {
  return paperWidthMm === 58 ? 32 : 48;
}

function charWidth(char: string): 1 | 2 {
  return (char.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** Splits `text` into lines of at most `columns` printed columns, never splitting a character. */
export function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const char of text) {
    const w = charWidth(char);
    if (width + w > columns) {
      lines.push(line);
      line = '';
      width = 0;
    }
    line += char;
    width += w;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

export function center(text: string, columns: number): string[] {
  return wrap(text, columns).map((line) => ' '.repeat(Math.floor((columns - textWidth(line)) / 2)) + line);
}

/**
 * "label          value" on one line, the value flush right; when both do not fit, the label's
 * lines first and the value flush right on its own line.
 */
export function labelValue(label: string, value: string, columns: number, indent = 0): string[] {
  const left = ' '.repeat(indent) + label;
  const gap = columns - textWidth(left) - textWidth(value);
  if (gap >= 1) return [left + ' '.repeat(gap) + value];
  return [
    ...wrap(left, columns),
    ...wrap(value, columns).map((line) => ' '.repeat(columns - textWidth(line)) + line),
  ];
}

export function rule(columns: number, char = '-'): string {
  return char.repeat(columns);
}
