/**
 * Upgrades an older settings file, one version at a time, to SETTINGS_SCHEMA_VERSION. A migration
 * only reshapes: the result is validated afterwards like any file, so a migration never has to
 * guess whether an old value was valid. To change the schema: bump the version, add
 * `MIGRATIONS[old]`, add a test that loads a hand-made file of the old shape.
 *
 * Rolling back one version must keep working (a fleet update can be undone): a new version only
 * adds fields, and never removes, renames or changes the meaning of a field the previous version
 * reads. A file from a newer version is read by its fields this version knows; the others are
 * kept as they are on every write (settings-file.ts), so rolling forward again loses nothing.
 */
import { isPlainObject } from '../../util/plain-object';
import { DEFAULT_SETTINGS, SETTINGS_SCHEMA_VERSION } from './settings-schema';
import { gatewayKindForUrl } from './gateway';

type Json = Record<string, unknown>;
type Migration = (old: Json) => Json;

/**
 * v0: the unversioned file of the first pilot builds — a single `gateway` URL, `language: 'zh'|'en'`,
 * `timeoutSeconds`, flat `scannerMinLength`/`scannerMaxLength`/`scannerTerminator`, no schemaVersion.
 */
function v0ToV1(old: Json): Json {
  const {
    gateway,
    language,
    timeoutSeconds,
    scannerMinLength,
    scannerMaxLength,
    scannerTerminator,
    ...rest
  } = old;
  const next: Json = { ...rest, schemaVersion: 1 };
  if (typeof gateway === 'string' && gateway !== '') {
    const kind = gatewayKindForUrl(gateway);
    next['gatewayKind'] = kind;
    next['gatewayUrl'] = kind === 'custom' ? gateway : '';
  }
  if (language !== undefined) next['locale'] = language === 'zh' ? 'zh-CN' : language;
  if (typeof timeoutSeconds === 'number') next['requestTimeoutMs'] = Math.round(timeoutSeconds * 1000);
  const scanner: Json = {};
  if (scannerMinLength !== undefined) scanner['minLength'] = scannerMinLength;
  if (scannerMaxLength !== undefined) scanner['maxLength'] = scannerMaxLength;
  if (scannerTerminator !== undefined) scanner['terminator'] = scannerTerminator;
  if (Object.keys(scanner).length > 0) next['scanner'] = scanner;
  return next;
}

/** The card-id length limits every terminal had before they were fitted to this CRM's cards (16–20 digits). */
const OLD_DEFAULT_CARD_LENGTHS = { minLength: 4, maxLength: 64 } as const;

/**
 * A file that still holds the old default limits 4–64 gets the current defaults: with 4–64 a
 * scanner's 5-digit fragment went to the CRM and came back "not found" for a real card. Limits a
 * manager chose (anything but exactly 4 and 64) are kept. The values stay valid for the previous
 * version, so this needs no new schema version and rolling back still reads the file.
 */
function liftOldCardLengths(value: Json, defaults: { minLength: number; maxLength: number }): Json {
  const scanner = value['scanner'];
  if (!isPlainObject(scanner)) return value;
  if (
    scanner['minLength'] !== OLD_DEFAULT_CARD_LENGTHS.minLength ||
    scanner['maxLength'] !== OLD_DEFAULT_CARD_LENGTHS.maxLength
  )
    return value;
  return { ...value, scanner: { ...scanner, ...defaults } };
}

/** `MIGRATIONS[n]` turns a version-n object into a version-(n+1) object. */
const SETTINGS_MIGRATIONS: Readonly<Record<number, Migration>> = { 0: v0ToV1 };

export type MigrationResult = { ok: true; value: Json; fromVersion: number } | { ok: false; problem: string };

export function migrateSettings(raw: unknown): MigrationResult {
  if (!isPlainObject(raw)) return { ok: false, problem: 'not a JSON object' };
  const declared = raw['schemaVersion'];
  const fromVersion = declared === undefined ? 0 : declared;
  if (typeof fromVersion !== 'number' || !Number.isInteger(fromVersion) || fromVersion < 0) {
    return { ok: false, problem: 'schemaVersion is not a version number' };
  }
  // Written by a newer BalanceDesk (a rollback): nothing to migrate. The fields this version knows
  // keep their meaning (see above) and are validated like any file; settings-file.ts keeps the rest.
  if (fromVersion > SETTINGS_SCHEMA_VERSION) return { ok: true, value: raw, fromVersion };
  let value = raw;
  for (let version = fromVersion; version < SETTINGS_SCHEMA_VERSION; version++) {
    const migration = SETTINGS_MIGRATIONS[version];
    if (!migration) return { ok: false, problem: `no migration from schemaVersion ${version}` };
    value = migration(value);
  }
  const { minLength, maxLength } = DEFAULT_SETTINGS.scanner;
  return { ok: true, value: liftOldCardLengths(value, { minLength, maxLength }), fromVersion };
}
