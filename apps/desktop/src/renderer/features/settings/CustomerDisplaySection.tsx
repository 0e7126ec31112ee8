import type { DisplayOption } from '@balance-desk/contract';
import { useEffect, useState } from 'react';
import { bridge } from '../../bridge';
import { dictionaryFor } from '../../i18n';
import { useT } from '../../i18n/use-t';
import { FlagInput, SelectField, TextField } from './Fields';
import { useSettingsStore } from './settings-store';

/** The displays main sees now (none in the web preview); read once when the form opens. */
function useDisplays(): DisplayOption[] {
  const [displays, setDisplays] = useState<DisplayOption[]>([]);
  useEffect(() => {
    let live = true;
    void bridge.listDisplays().then((reply) => {
      if (live && reply.ok) setDisplays(reply.value.displays);
    });
    return () => {
      live = false;
    };
  }, []);
  return displays;
}

/** The customer-facing display: on or off, which display, parts, clear time, language. */
export function CustomerDisplaySection() {
  const t = useT();
  const displays = useDisplays();
  const chosen = useSettingsStore((s) => s.draft?.values['customerDisplay.displayId'] ?? '');
  const c = t.settings.customerDisplay;
  const options = [
    { value: '', label: c.automatic },
    ...displays.map((d) => ({ value: String(d.id), label: c.display(d.id, d.width, d.height, d.primary) })),
  ];
  // A display chosen earlier and unplugged now stays chosen: the window returns when it does.
  if (chosen !== '' && !options.some((o) => o.value === chosen))
    options.push({ value: chosen, label: c.notConnected(chosen) });

  return (
    <fieldset className="settings__section" data-testid="customer-display-settings">
      <legend>{t.settings.sections.customer}</legend>
      <FlagInput field="customerDisplay.enabled" />
      <SelectField field="customerDisplay.displayId" options={options} />
      <FlagInput field="customerDisplay.showParts" />
      <TextField field="customerDisplay.clearAfterSeconds" type="number" />
      <SelectField
        field="customerDisplay.locale"
        options={[
          { value: 'zh-CN', label: dictionaryFor('zh-CN').langName },
          { value: 'en', label: dictionaryFor('en').langName },
        ]}
      />
    </fieldset>
  );
}
