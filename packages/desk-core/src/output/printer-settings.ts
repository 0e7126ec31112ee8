/**
 * The `printer` setting (docs/PRINTING.md): one rule set for the settings file, a manager's patch,
 * the provisioning file and a draft test print. Every problem is a field path and a code the UI
 * translates (`printer.host: invalid-host`), never the value.
 */
import { DEFAULT_PRINTER_PORT, PAPER_WIDTHS_MM, type PrinterSettings } from '@balance-desk/contract';
import { isIP } from 'node:net';
import { z } from 'zod';
import { isPlainObject } from '../util/plain-object';

interface PrinterFieldError {
  /** `printer` or `printer.<field>`. */
  path: string;
  code: 'required' | 'invalid-value' | 'invalid-host' | 'out-of-range' | 'too-long' | 'unknown-field';
}

export type PrinterCheck =
  { ok: true; printer: PrinterSettings | null } | { ok: false; errors: PrinterFieldError[] };

/** Plain sentences for IT (provisioning log), by code. */
const MESSAGES: Record<PrinterFieldError['code'], string> = {
  required: 'is required',
  'invalid-value': 'is not an allowed value',
  'invalid-host':
    "must be the printer's IP address or host name only (no http://, no :port, no spaces), e.g. 192.168.1.50",
  'out-of-range': 'must be a whole number from 1 to 65535 (network printers use 9100)',
  'too-long': 'is too long',
  'unknown-field': 'is not a known field',
};
const FIELD_MESSAGES: Partial<Record<string, string>> = {
  'printer.kind': 'must be "escpos-tcp" (network printer) or "system" (a printer the OS knows)',
  'printer.paperWidthMm': 'must be 58 or 80 (the paper roll width in millimetres)',
  printer: 'must be an object like {"kind": "escpos-tcp", "host": "…", "paperWidthMm": 80}, or null',
};

/** A DNS name: letters, digits, hyphens and dots, each label 1–63 characters, not starting or ending with '-'. */
const HOST_NAME =
  /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

function isPrinterHost(host: string): boolean {
  if (isIP(host) !== 0) return true;
  // Only digits and dots, yet not an IPv4 address (`192.168.1.500`): a typo, not a name.
  if (/^[\d.]+$/.test(host)) return false;
  return HOST_NAME.test(host);
}

const KEYS = {
  'escpos-tcp': new Set(['kind', 'host', 'port', 'paperWidthMm']),
  system: new Set(['kind', 'deviceName', 'paperWidthMm']),
};

function paperWidth(value: unknown, errors: PrinterFieldError[]): 58 | 80 {
  if (value === undefined) errors.push({ path: 'printer.paperWidthMm', code: 'required' });
  else if (!PAPER_WIDTHS_MM.includes(value as 58 | 80))
    errors.push({ path: 'printer.paperWidthMm', code: 'invalid-value' });
  return value as 58 | 80;
}

/** `value` is untrusted (IPC, a hand-edited file, provisioning). Text is trimmed; a missing port is 9100. */
export function checkPrinter(value: unknown): PrinterCheck {
  if (value === null || value === undefined) return { ok: true, printer: null };
  if (!isPlainObject(value)) return { ok: false, errors: [{ path: 'printer', code: 'invalid-value' }] };
  const kind = value['kind'];
  if (kind !== 'escpos-tcp' && kind !== 'system')
    return {
      ok: false,
      errors: [{ path: 'printer.kind', code: kind === undefined ? 'required' : 'invalid-value' }],
    };
  const errors: PrinterFieldError[] = [];
  for (const key of Object.keys(value))
    if (!KEYS[kind].has(key)) errors.push({ path: `printer.${key}`, code: 'unknown-field' });

  if (kind === 'escpos-tcp') {
    const rawHost = value['host'];
    const host = typeof rawHost === 'string' ? rawHost.trim() : undefined;
    if (rawHost === undefined || host === '') errors.push({ path: 'printer.host', code: 'required' });
    else if (host === undefined) errors.push({ path: 'printer.host', code: 'invalid-value' });
    else if (host.length > 253) errors.push({ path: 'printer.host', code: 'too-long' });
    else if (!isPrinterHost(host)) errors.push({ path: 'printer.host', code: 'invalid-host' });
    const port = value['port'] ?? DEFAULT_PRINTER_PORT;
    if (typeof port !== 'number') errors.push({ path: 'printer.port', code: 'invalid-value' });
    else if (!Number.isInteger(port) || port < 1 || port > 65_535)
      errors.push({ path: 'printer.port', code: 'out-of-range' });
    const paperWidthMm = paperWidth(value['paperWidthMm'], errors);
    if (errors.length > 0) return { ok: false, errors };
    return { ok: true, printer: { kind, host: host as string, port: port as number, paperWidthMm } };
  }

  const rawName = value['deviceName'];
  const deviceName = typeof rawName === 'string' ? rawName.trim() : undefined;
  if (rawName === undefined || deviceName === '')
    errors.push({ path: 'printer.deviceName', code: 'required' });
  else if (deviceName === undefined) errors.push({ path: 'printer.deviceName', code: 'invalid-value' });
  else if (deviceName.length > 256) errors.push({ path: 'printer.deviceName', code: 'too-long' });
  // eslint-disable-next-line no-control-regex -- a control character is never part of a printer's name
  else if (/[\u0000-\u001f\u007f]/.test(deviceName))
    errors.push({ path: 'printer.deviceName', code: 'invalid-value' });
  const paperWidthMm = paperWidth(value['paperWidthMm'], errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, printer: { kind, deviceName: deviceName as string, paperWidthMm } };
}

/** The English sentence for a provisioning log. */
function printerErrorMessage(error: PrinterFieldError): string {
  return (error.code === 'invalid-value' ? FIELD_MESSAGES[error.path] : undefined) ?? MESSAGES[error.code];
}

/**
 * The field for zod schemas (settings file, provisioning file): the same rules, each problem an
 * issue at its own path with its code in `params.code` (settings-schema.ts `codeOfIssue`).
 */
export const PrinterField = z.unknown().transform((value, ctx): PrinterSettings | null => {
  const checked = checkPrinter(value);
  if (checked.ok) return checked.printer;
  for (const error of checked.errors)
    ctx.addIssue({
      code: 'custom',
      path: error.path.split('.').slice(1),
      message: printerErrorMessage(error),
      params: { code: error.code },
    });
  return z.NEVER;
});
