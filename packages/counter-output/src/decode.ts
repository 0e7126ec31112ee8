import iconv from 'iconv-lite';
import { textWidth } from './columns';

/**
 * Reads ESC/POS bytes back as text: the printer simulator's view of a job and what tests assert
 * on. It understands the commands BalanceDesk sends (initialise, alignment, bold, Chinese mode with
 * GB18030 text, feed, cut) and the single-parameter style commands encoders commonly add; anything
 * else is listed in `unknown` rather than guessed at.
 */
export interface DecodedEscPos {
  /** ESC @ was seen. */
  initialised: boolean;
  /** Every printed line, in order, with ESC a alignment applied as padding. */
  lines: string[];
  /** Indexes into `lines` of lines that contain bold text. */
  boldLines: number[];
  /** GS V count. */
  cuts: number;
  /** `lines` split at each cut: one entry per slip (trailing blank lines after the last cut dropped). */
  slips: string[][];
  /** Commands the decoder does not know, as hex ("1b 7a"), in order. */
  unknown: string[];
}

export interface DecodeOptions {
  /** Columns used to apply ESC a alignment; 48 (80 mm) unless told. */
  columns?: number;
}

/** ESC commands with exactly one parameter byte that only change the look of text. */
const ESC_ONE_PARAM = new Set([0x21, 0x2d, 0x33, 0x47, 0x4d, 0x52, 0x56, 0x74, 0x7b, 0x20]);
/** GS commands with one parameter byte (character size, reverse, HRI etc.). */
const GS_ONE_PARAM = new Set([0x21, 0x42, 0x48, 0x66, 0x68, 0x77]);

const hex = (bytes: ArrayLike<number>): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

export function decodeEscPos(input: Uint8Array, options: DecodeOptions = {}): DecodedEscPos {
  const columns = options.columns ?? 48;
  const bytes = input;
  const result: DecodedEscPos = {
    initialised: false,
    lines: [],
    boldLines: [],
    cuts: 0,
    slips: [],
    unknown: [],
  };
  let chinese = false;
  let bold = false;
  let align = 0;
  let line = '';
  let lineBold = false;
  let run: number[] = [];
  let slip: string[] = [];

  const flushText = (): void => {
    if (run.length === 0) return;
    // Outside Chinese mode the printer reads the encoder's default code page (CP437): GB18030
    // bytes sent there come out as accented Latin, which is what this shows.
    line += iconv.decode(Buffer.from(run), chinese ? 'gb18030' : 'cp437');
    run = [];
  };
  const endLine = (): void => {
    flushText();
    const pad = Math.max(0, columns - textWidth(line));
    const text =
      align === 1 ? ' '.repeat(Math.floor(pad / 2)) + line : align === 2 ? ' '.repeat(pad) + line : line;
    if (lineBold || bold) result.boldLines.push(result.lines.length);
    result.lines.push(text);
    slip.push(text);
    line = '';
    lineBold = false;
  };
  const cut = (): void => {
    flushText();
    if (line !== '') endLine();
    result.cuts += 1;
    result.slips.push(slip);
    slip = [];
  };

  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const next = bytes[i + 1];
    const param = bytes[i + 2] ?? 0;
    if (b === 0x0a) {
      endLine();
      i += 1;
    } else if (b === 0x1b) {
      flushText();
      if (next === 0x40) {
        result.initialised = true;
        chinese = false;
        bold = false;
        align = 0;
        i += 2;
      } else if (next === 0x61) {
        align = param % 48; // 0/1/2 or their ASCII digits "0"/"1"/"2"
        i += 3;
      } else if (next === 0x45) {
        bold = (param & 1) === 1;
        if (bold) lineBold = true;
        i += 3;
      } else if (next === 0x64) {
        // ESC d n prints the buffer and feeds n lines: like n line feeds (ESC d 1 is LF).
        for (let n = 0; n < param; n += 1) endLine();
        i += 3;
      } else if (next !== undefined && ESC_ONE_PARAM.has(next)) {
        i += 3;
      } else if (next === 0x32) {
        i += 2;
      } else {
        result.unknown.push(hex(bytes.subarray(i, i + 2)));
        i += 2;
      }
    } else if (b === 0x1c) {
      flushText();
      if (next === 0x26) chinese = true;
      else if (next === 0x2e) chinese = false;
      else result.unknown.push(hex(bytes.subarray(i, i + 2)));
      i += next === 0x21 ? 3 : 2;
    } else if (b === 0x1d) {
      flushText();
      if (next === 0x56) {
        cut();
        // GS V m: m = 0/1/48/49 alone; m = 65/66 (feed then cut) takes a feed count n.
        i += param === 65 || param === 66 ? 4 : 3;
      } else if (next !== undefined && GS_ONE_PARAM.has(next)) {
        i += 3;
      } else {
        result.unknown.push(hex(bytes.subarray(i, i + 2)));
        i += 2;
      }
    } else if (b === 0x10 && next === 0x04) {
      i += 3; // DLE EOT n: a status request, prints nothing
    } else if (b < 0x20 || b === 0x7f) {
      flushText(); // CR and other controls print nothing
      i += 1;
    } else {
      if (bold) lineBold = true;
      run.push(b);
      i += 1;
    }
  }
  flushText();
  if (line !== '') endLine();
  if (slip.some((l) => l.trim() !== '')) result.slips.push(slip);
  return result;
}
