import type { Locale } from '@balance-desk/contract';
import { DEFAULT_SCREEN_SETTINGS } from '@balance-desk/contract/model';
import { en } from './en';
import { zhCN, type Dictionary } from './zh-CN';

export type { Dictionary };

const dictionaries: Record<Locale, Dictionary> = { 'zh-CN': zhCN, en };

export const DEFAULT_LOCALE: Locale = DEFAULT_SCREEN_SETTINGS.locale;

export function dictionaryFor(locale: Locale): Dictionary {
  return dictionaries[locale];
}

/** A fieldErrors code in words; an unknown code still says something useful to the manager. */
export function fieldErrorText(t: Dictionary, code: string): string {
  return Object.hasOwn(t.settings.fieldErrors, code)
    ? t.settings.fieldErrors[code as keyof Dictionary['settings']['fieldErrors']]
    : t.settings.fieldErrorFallback(code);
}
