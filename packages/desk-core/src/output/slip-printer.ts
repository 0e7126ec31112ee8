import type { SystemPrinter } from '@balance-desk/contract';

/**
 * The port to the operating system's printers (docs/PRINTING.md "Printers through the OS driver").
 * Electron implements it with a hidden window and `webContents.print`
 * (apps/desktop/src/main/slip-printer.ts); the web preview and tests have none or a fake.
 */
export interface SlipPrintJob {
  /** A self-contained slip document (counter-output `renderSlipHtml`). */
  html: string;
  /** The OS name of the printer (`getPrintersAsync()[i].name`). */
  deviceName: string;
  paperWidthMm: 58 | 80;
}

type SlipPrinterResult =
  | { kind: 'printed' }
  /** `printer-unavailable`: no such printer here; `print-failed`: the OS job failed or was cancelled. */
  | { kind: 'failed'; reason: 'printer-unavailable' | 'print-failed'; detail: string };

export interface SlipPrinter {
  print(job: SlipPrintJob): Promise<SlipPrinterResult>;
  listPrinters(): Promise<SystemPrinter[]>;
}
