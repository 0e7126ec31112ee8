/**
 * Reading one settings file (settings.json or its .bak) into Settings.
 *
 * What a hand-edited file gets, and why (a store manager wants the terminal to keep working with
 * the last settings someone deliberately saved, and to be told when an edit did not take):
 * - an unknown key (a typo like `shopID`, or a key from a newer build) is dropped and logged —
 *   it cannot be used, and refusing the whole file for it would throw away every good field;
 * - a missing key takes its default (a deleted line means "I don't care");
 * - an invalid value of a known key makes the whole file invalid: the store then recovers the
 *   complete previous version from `.bak` and says so. Patching single fields with defaults
 *   could silently mix two configurations (say brandId from one, outBrandId from another) or
 *   point a terminal at a default gateway; a whole previous version is consistent.
 */
import type { Settings } from '../ports';
import { isPlainObject } from '../shared/plain-object';
import { parseJsonSafely } from './atomic-file';
import { migrateSettings } from './settings-migrations';
import {
  DEFAULT_SETTINGS,
  SETTINGS_SCHEMA_VERSION,
  ScannerFields,
  SettingsFields,
  SettingsFileSchema,
  describeIssues,
} from './settings-schema';

export type ParsedSettingsFile =
  | { ok: true; settings: Settings; migratedFrom: number | undefined; droppedKeys: string[] }
  | { ok: false; problem: string };

const KNOWN_KEYS = new Set(Object.keys(SettingsFields.shape));
const KNOWN_SCANNER_KEYS = new Set(Object.keys(ScannerFields.shape));

export function parseSettingsText(text: string): ParsedSettingsFile {
  const json = parseJsonSafely(text);
  if (!json.ok) return { ok: false, problem: json.problem };
  const migrated = migrateSettings(json.value);
  if (!migrated.ok) return { ok: false, problem: migrated.problem };
  const value = migrated.value;

  const droppedKeys = Object.keys(value).filter((key) => !KNOWN_KEYS.has(key));
  const scanner = value['scanner'];
  if (isPlainObject(scanner)) {
    droppedKeys.push(
      ...Object.keys(scanner)
        .filter((key) => !KNOWN_SCANNER_KEYS.has(key))
        .map((key) => `scanner.${key}`),
    );
  }
  const withDefaults = {
    ...DEFAULT_SETTINGS,
    ...value,
    scanner: isPlainObject(scanner)
      ? { ...DEFAULT_SETTINGS.scanner, ...scanner }
      : (scanner ?? DEFAULT_SETTINGS.scanner),
  };
  const checked = SettingsFileSchema.safeParse(withDefaults);
  if (!checked.success)
    return { ok: false, problem: `invalid values: ${describeIssues(checked.error.issues)}` };
  return {
    ok: true,
    settings: checked.data,
    migratedFrom: migrated.fromVersion === SETTINGS_SCHEMA_VERSION ? undefined : migrated.fromVersion,
    droppedKeys,
  };
}

export function serializeSettings(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}
