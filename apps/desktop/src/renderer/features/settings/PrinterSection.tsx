import { useEffect } from 'react';
import { useT } from '../../i18n/use-t';
import { SelectField, TextField } from './Fields';
import { usePrinterTestStore, type TestPrint } from './printer-test-store';
import { useSettingsStore } from './settings-store';
import type { Dictionary } from '../../i18n';

function testText(t: Dictionary, test: TestPrint): string {
  switch (test.state) {
    case 'printing':
      return t.printing.testPrinting;
    case 'printed':
      return t.printing.testPrinted;
    case 'invalid':
      return t.settings.invalid;
    case 'unauthorized':
      return t.settings.unauthorized;
    case 'failed':
      return test.reason === 'no-answer'
        ? t.printing.reasons['print-failed']
        : t.printing.reasons[test.reason];
    default:
      return '';
  }
}

/** The OS printers as a list when this runtime has one; a name to type otherwise (web preview). */
function SystemPrinterField() {
  const t = useT();
  const list = usePrinterTestStore((s) => s.list);
  const loadPrinters = usePrinterTestStore((s) => s.loadPrinters);
  const current = useSettingsStore((s) => s.draft?.values['printer.deviceName'] ?? '');
  useEffect(() => {
    void loadPrinters();
  }, [loadPrinters]);
  if (list.state !== 'done' || list.printers.length === 0)
    return (
      <>
        <TextField field="printer.deviceName" />
        {list.state === 'unavailable' && <p className="field__note">{t.printing.noSystemPrinters}</p>}
      </>
    );
  const names = list.printers.map((p) => ({ value: p.name, label: p.displayName }));
  const options = [
    { value: '', label: t.printing.choosePrinter },
    ...(current !== '' && !names.some((n) => n.value === current)
      ? [{ value: current, label: current }]
      : []),
    ...names,
  ];
  return <SelectField field="printer.deviceName" options={options} />;
}

/** The slip printer: none, a network (port 9100) printer or a system printer; paper width; test print. */
export function PrinterSection() {
  const t = useT();
  const kind = useSettingsStore((s) => s.draft?.values['printer.kind'] ?? 'none');
  const test = usePrinterTestStore((s) => s.test);
  const testPrint = usePrinterTestStore((s) => s.testPrint);
  const k = t.printing.kinds;
  const bad = test.state === 'failed' || test.state === 'invalid' || test.state === 'unauthorized';

  return (
    <fieldset className="settings__section" data-testid="printer-settings">
      <legend>{t.settings.sections.printer}</legend>
      <SelectField
        field="printer.kind"
        options={[
          { value: 'none', label: k.none },
          { value: 'escpos-tcp', label: k['escpos-tcp'] },
          { value: 'system', label: k.system },
        ]}
      />
      {kind === 'escpos-tcp' && (
        <>
          <TextField field="printer.host" />
          <TextField field="printer.port" type="number" />
        </>
      )}
      {kind === 'system' && <SystemPrinterField />}
      {kind !== 'none' && (
        <>
          <SelectField
            field="printer.paperWidthMm"
            options={[
              { value: '80', label: t.printing.paper['80'] },
              { value: '58', label: t.printing.paper['58'] },
            ]}
          />
          <div className="settings__printer-test">
            <button
              type="button"
              className="btn"
              data-testid="test-print"
              disabled={test.state === 'printing'}
              onClick={() => void testPrint()}
            >
              {t.printing.testPrint}
            </button>
            <span
              className={bad ? 'settings__msg settings__msg--bad' : 'settings__msg'}
              role="status"
              data-testid="test-print-state"
            >
              {testText(t, test)}
            </span>
          </div>
        </>
      )}
    </fieldset>
  );
}
