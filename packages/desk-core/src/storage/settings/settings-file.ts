/**
 * Reading one settings file (settings.json or its .bak) into Settings.
 *
 * What a hand-edited file gets, and why (a store manager wants the terminal to keep working with
 * the last settings someone deliberately saved, and to be told when an edit did not take):
 * - an unknown key (a key from a newer build, or a typo like `shopID`) is not used, but it is kept
 *   as it is on every write, and the store says so: after a rollback the newer build, updated
 *   again, finds its fields where it left them. Refusing the whole file for it would throw away
 *   every good field;
 * - a file from a newer version (higher `schemaVersion`) is read by the fields this version knows,
 *   and keeps its version number on write (settings-migrations.ts says why that is safe);
 * - a missing key takes its default (a deleted line means "I don't care");
 * - an invalid value of a known key makes the whole file invalid: the store then recovers the
 *   complete previous version from `.bak` and says so. Patching single fields with defaults
 *   could silently mix two configurations (say brandId from one, outBrandId from another) or
 *   point a terminal at a default gateway; a whole previous version is consistent.
 */
import type { Settings } from '../../ports';
import { isPlainObject } from '../../util/plain-object';
import { parseJsonSafely } from '../files/atomic-file';
import { migrateSettings } from './settings-migrations';
import { withCustomerDisplayDefaults } from '../../customer/customer-display-settings';
import {
  DEFAULT_SETTINGS,
  SETTINGS_SCHEMA_VERSION,
  ScannerFields,
  SettingsFields,
  SettingsFileSchema,
  describeIssues,
} from './settings-schema';

/** What this version does not use but must write back unchanged: unknown keys, a newer schemaVersion. */
export interface KeptFields {
  top: Record<string, unknown>;
  scanner: Record<string, unknown>;
}

export const NOTHING_KEPT: KeptFields = Object.freeze({ top: {}, scanner: {} });

export type ParsedSettingsFile =
  | {
      ok: true;
      settings: Settings;
      migratedFrom: number | undefined;
      /** The file's schemaVersion when a newer version wrote it. */
      newerVersion: number | undefined;
      /** `shopID`, `scanner.beep`: keys this version does not know (kept in `kept`). */
      unknownKeys: string[];
      kept: KeptFields;
    }
  | { ok: false; problem: string };

const KNOWN_KEYS = new Set(Object.keys(SettingsFields.shape));
const KNOWN_SCANNER_KEYS = new Set(Object.keys(ScannerFields.shape));

export function parseSettingsText(text: string): ParsedSettingsFile {
  const json = parseJsonSafely(text);
  if (!json.ok) return { ok: false, problem: json.problem };
  const migrated = migrateSettings(json.value);
  if (!migrated.ok) return { ok: false, problem: migrated.problem };
  const value = migrated.value;
  const newerVersion = migrated.fromVersion > SETTINGS_SCHEMA_VERSION ? migrated.fromVersion : undefined;

  // fromEntries, not assignment: a key such as `__proto__` stays a plain key.
  const unknownTop = Object.entries(value).filter(([key]) => !KNOWN_KEYS.has(key));
  const scanner = value['scanner'];
  const unknownScanner = isPlainObject(scanner)
    ? Object.entries(scanner).filter(([key]) => !KNOWN_SCANNER_KEYS.has(key))
    : [];
  const kept: KeptFields = {
    top: Object.fromEntries(
      newerVersion === undefined ? unknownTop : [['schemaVersion', newerVersion], ...unknownTop],
    ),
    scanner: Object.fromEntries(unknownScanner),
  };
  const unknownKeys = [...unknownTop.map(([key]) => key), ...unknownScanner.map(([key]) => `scanner.${key}`)];
  const withDefaults = {
    ...DEFAULT_SETTINGS,
    ...value,
    ...(newerVersion === undefined ? {} : { schemaVersion: SETTINGS_SCHEMA_VERSION }),
    scanner: isPlainObject(scanner)
      ? { ...DEFAULT_SETTINGS.scanner, ...scanner }
      : (scanner ?? DEFAULT_SETTINGS.scanner),
    customerDisplay: withCustomerDisplayDefaults(value['customerDisplay']),
  };
  const checked = SettingsFileSchema.safeParse(withDefaults);
  if (!checked.success)
    return { ok: false, problem: `invalid values: ${describeIssues(checked.error.issues)}` };
  return {
    ok: true,
    settings: checked.data,
    migratedFrom: migrated.fromVersion < SETTINGS_SCHEMA_VERSION ? migrated.fromVersion : undefined,
    newerVersion,
    unknownKeys,
    kept,
  };
}

/** The file text: `settings`, plus what a newer version (or a hand edit) put there, unchanged. */
export function serializeSettings(settings: Settings, kept: KeptFields = NOTHING_KEPT): string {
  const scanner = { ...settings.scanner, ...kept.scanner };
  return `${JSON.stringify({ ...settings, ...kept.top, scanner }, null, 2)}\n`;
}
