import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import iconv from 'iconv-lite';
import { columnsFor, type PaperWidthMm } from './columns';
import { withoutControls } from './mask';
import type { BalanceSlip } from './slip';
import { layoutSlip } from './slip-lines';

/** FS & — the printer's Chinese (double-byte) mode; bytes that follow are GB18030/GBK. */
const FS_CHINESE_ON = [0x1c, 0x26] as const;
/** FS . — back to single-byte mode. */
const FS_CHINESE_OFF = [0x1c, 0x2e] as const;

/** Lines fed before the cut, so the last line clears the cutter (the blade sits ~4 lines above the head). */
const FEED_BEFORE_CUT = 4;

export interface EscPosOptions {
  paperWidthMm: PaperWidthMm;
}

function isAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

/**
 * The slip as ESC/POS bytes for a network receipt printer. The encoder gives the structure
 * (initialise, bold, feed, cut); it has no Chinese code page (it would print "?" for 余额), so
 * every line with a non-ASCII character goes through `raw()` as GB18030 between FS & and FS .,
 * the mode Chinese counter printers (Xprinter, Gprinter, Epson TM-T82 CN) read GB18030 in.
 * Alignment is done by padding in `layoutSlip`, which counts double-width characters; the
 * encoder's own alignment cannot see the width of raw text.
 */
export function encodeEscPosSlip(slip: BalanceSlip, options: EscPosOptions): Uint8Array {
  const columns = columnsFor(options.paperWidthMm);
  const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns, newline: '\n' });
  encoder.initialize();
  for (const line of layoutSlip(slip, columns)) {
    if (line.bold) encoder.bold(true);
    // Trailing spaces carry no ink; dropping them keeps a full-width line from wrapping early.
    // Control characters are removed again here, for slips not made by `buildBalanceSlip`.
    const text = withoutControls(line.text).trimEnd();
    if (isAscii(text)) encoder.text(text);
    else encoder.raw([...FS_CHINESE_ON, ...iconv.encode(text, 'gb18030'), ...FS_CHINESE_OFF]);
    if (line.bold) encoder.bold(false);
    encoder.newline();
  }
  encoder.newline(FEED_BEFORE_CUT);
  encoder.cut('partial');
  return encoder.encode();
}
