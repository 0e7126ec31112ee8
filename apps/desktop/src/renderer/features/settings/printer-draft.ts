import type { PrinterSettingsInput, SettingsView } from '@balance-desk/contract';
import type { FormFieldErrors } from './settings-draft';

/**
 * The `printer` setting in the form: five flat text fields (so the draft keeps what was typed and
 * desk-core's field errors — `printer.host` — land on them), joined into one value for the patch.
 */
export type PrinterField =
  'printer.kind' | 'printer.host' | 'printer.port' | 'printer.paperWidthMm' | 'printer.deviceName';

export function printerValues(printer: SettingsView['printer']): Record<PrinterField, string> {
  return {
    'printer.kind': printer?.kind ?? 'none',
    'printer.host': printer?.kind === 'escpos-tcp' ? printer.host : '',
    'printer.port': String(printer?.kind === 'escpos-tcp' ? printer.port : 9100),
    'printer.paperWidthMm': String(printer?.paperWidthMm ?? 80),
    'printer.deviceName': printer?.kind === 'system' ? printer.deviceName : '',
  };
}

const INTEGER = /^\s*\d{1,9}\s*$/;

/**
 * The printer the fields describe (null: none), or undefined with `errors['printer.port']` set when
 * the port is not a whole number. Everything else is checked by desk-core, at the same fields.
 */
export function printerFromValues(
  values: Record<PrinterField, string>,
  errors: FormFieldErrors,
): PrinterSettingsInput | null | undefined {
  const paperWidthMm = Number(values['printer.paperWidthMm']);
  switch (values['printer.kind']) {
    case 'escpos-tcp': {
      if (!INTEGER.test(values['printer.port'])) {
        errors['printer.port'] = 'not-an-integer';
        return undefined;
      }
      const port = Number.parseInt(values['printer.port'], 10);
      return { kind: 'escpos-tcp', host: values['printer.host'].trim(), port, paperWidthMm };
    }
    case 'system':
      return { kind: 'system', deviceName: values['printer.deviceName'], paperWidthMm };
    default:
      return null;
  }
}

export function samePrinter(a: PrinterSettingsInput | null, b: SettingsView['printer']): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'escpos-tcp' && b.kind === 'escpos-tcp')
    return a.host === b.host && (a.port ?? 9100) === b.port && a.paperWidthMm === b.paperWidthMm;
  if (a.kind === 'system' && b.kind === 'system')
    return a.deviceName === b.deviceName && a.paperWidthMm === b.paperWidthMm;
  return false;
}
