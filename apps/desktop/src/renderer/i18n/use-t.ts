import type { Locale } from '@balance-desk/contract';
import { useSettingsStore } from '../features/settings/settings-store';
import { useStatusStore } from '../features/status/status-store';
import { DEFAULT_LOCALE, dictionaryFor, type Dictionary } from './index';

/** The locale setting (settings:get, else app:status), zh-CN until either answers. */
export function useLocale(): Locale {
  const fromSettings = useSettingsStore((s) => s.view?.locale);
  const fromStatus = useStatusStore((s) => s.status?.locale);
  return fromSettings ?? fromStatus ?? DEFAULT_LOCALE;
}

export function useT(): Dictionary {
  return dictionaryFor(useLocale());
}
