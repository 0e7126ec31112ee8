import { z } from 'zod';
import { FIELD_ERROR_CODES } from './model';

/**
 * Balance-slip printing (docs/PRINTING.md): the `printer` setting and the answers of the print
 * channels. Business answers use `kind`; `ok` is only the IPC envelope.
 */

export const PAPER_WIDTHS_MM = [58, 80] as const;
export const DEFAULT_PRINTER_PORT = 9100;

/**
 * The printer as IPC carries it: shapes and size caps only. The rules a manager or IT can break
 * (host syntax, port range, paper width, a device name) are checked by desk-core, which answers
 * each with a field code (`printer.host: invalid-host`), so the form can say it at the field.
 */
export const PrinterSettingsInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('escpos-tcp'),
      host: z.string().max(253),
      port: z.number().optional(),
      paperWidthMm: z.number(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('system'),
      deviceName: z.string().max(256),
      paperWidthMm: z.number(),
    })
    .strict(),
]);
export type PrinterSettingsInput = z.infer<typeof PrinterSettingsInput>;

/** The saved printer, as settings hold it and the view shows it; `null`: no printer, no Print button. */
export type PrinterSettings =
  | { kind: 'escpos-tcp'; host: string; port: number; paperWidthMm: 58 | 80 }
  | { kind: 'system'; deviceName: string; paperWidthMm: 58 | 80 };

const paper = z.union([z.literal(58), z.literal(80)]);
export const PrinterSettingsView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('escpos-tcp'), host: z.string(), port: z.number().int(), paperWidthMm: paper }),
  z.object({ kind: z.literal('system'), deviceName: z.string(), paperWidthMm: paper }),
]);

/** Why a slip did not print; each has a sentence the cashier understands. */
const PRINT_FAILURE_REASONS = [
  /** No printer is set (`printer: null`). */
  'not-configured',
  /** The result asked for is not the one on screen any more (a newer lookup, cleared, too old). */
  'not-on-screen',
  /** The result has no balances and no card state to print (a fault, not found). */
  'nothing-to-print',
  /** Network printer: no route, no such host, dropped mid-job. */
  'unreachable',
  /** Network printer: the address answered but not on that port. */
  'refused',
  /** Network printer: no answer, or it stopped taking bytes, in time. */
  'timeout',
  /** System printer: not installed here, or this runtime cannot print through the OS (web preview). */
  'printer-unavailable',
  /** System printer: the OS print job failed or was cancelled. */
  'print-failed',
  /** The slip could not be made (an amount out of range, an unknown time zone). */
  'invalid-slip',
] as const;
export const PrintFailureReason = z.enum(PRINT_FAILURE_REASONS);
export type PrintFailureReason = z.infer<typeof PrintFailureReason>;

export const PrintAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('printed'), printer: z.enum(['escpos-tcp', 'system']) }),
  z.object({ kind: z.literal('failed'), reason: PrintFailureReason }),
]);
export type PrintAnswer = z.infer<typeof PrintAnswer>;

const ManagerUnauthorized = z.object({ kind: z.literal('unauthorized') });

/** Test print: the slip went out or failed like a real one, or the draft printer has field problems. */
export const TestPrintAnswer = z.discriminatedUnion('kind', [
  PrintAnswer,
  z.object({
    kind: z.literal('invalid'),
    /** `{path: 'printer.host', code: 'invalid-host'}`: codes the form translates, never values. */
    fieldErrors: z.array(z.object({ path: z.string(), code: z.enum(FIELD_ERROR_CODES) })).max(16),
  }),
  ManagerUnauthorized,
]);
export type TestPrintAnswer = z.infer<typeof TestPrintAnswer>;

/** A printer the OS knows (Electron `getPrintersAsync`). */
export const SystemPrinter = z.object({
  name: z.string(),
  displayName: z.string(),
});
export type SystemPrinter = z.infer<typeof SystemPrinter>;

export const PrinterList = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('printers'), printers: z.array(SystemPrinter).max(256) }),
  /** This runtime has no OS printing (the web preview). */
  z.object({ kind: z.literal('unavailable') }),
  ManagerUnauthorized,
]);
export type PrinterList = z.infer<typeof PrinterList>;

/**
 * Which result to print: the one on screen, named by the instant main answered it (`at`) and its
 * request id. Main prints it only while it is the latest answer it gave and has not cleared.
 */
export const PrintResultRequest = z
  .object({ at: z.string().min(1).max(64), requestId: z.string().max(128).optional() })
  .strict();
