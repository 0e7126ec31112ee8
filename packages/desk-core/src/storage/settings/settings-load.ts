/**
 * Loading settings at start-up. Never throws and never resets silently (defaults would leave a
 * configured till without its shop and gateway):
 * - no file (a fresh terminal) → defaults, no notice;
 * - settings.json unusable → the broken file is kept aside as `settings.json.corrupt-<time>`,
 *   `.bak` is used and rewritten as settings.json, notice `settings-recovered-from-backup`;
 * - both unusable → defaults (the terminal starts unconfigured: demo mode), notice
 *   `settings-reset-unreadable`; the broken files are kept aside for IT;
 * - fields this version does not know (a newer version's, after a rollback) → used as far as
 *   known, the rest kept for every write, notice `settings-unknown-fields-kept`.
 * The notice detail names files and problems, never values.
 */
import type { Notice } from '@balance-desk/contract';
import path from 'node:path';
import type { Logger, Settings } from '../../ports';
import { readIfExists, removeStaleTemps, setAside } from '../files/atomic-file';
import { type FsPort, nodeFs } from '../files/fs-port';
import { type KeptFields, NOTHING_KEPT, parseSettingsText } from './settings-file';
import { defaultSettings } from './settings-schema';

type Candidate =
  | { state: 'missing' }
  | {
      state: 'ok';
      settings: Settings;
      migratedFrom: number | undefined;
      kept: KeptFields;
      keptNotice?: Notice;
    }
  | { state: 'bad'; problem: string };

export interface LoadedSettings {
  settings: Settings;
  notices: Notice[];
  /** Write `settings` back now: recovered from .bak (no rotation) or migrated (old version rotated to .bak). */
  rewrite: 'recovered' | 'migrated' | undefined;
  /** settings.json holds a good version, so the next write may rotate it into .bak. */
  primaryIsGood: boolean;
  /** Written back unchanged with every save (settings-file.ts). */
  kept: KeptFields;
}

async function readCandidate(
  file: string,
  now: () => Date,
  logger: Logger,
  port: FsPort,
): Promise<Candidate> {
  let data: Buffer | undefined;
  try {
    data = await readIfExists(file, port);
  } catch (error) {
    return { state: 'bad', problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (data === undefined) return { state: 'missing' };
  const parsed = parseSettingsText(data.toString('utf8'));
  if (!parsed.ok) return { state: 'bad', problem: parsed.problem };
  const candidate: Candidate = {
    state: 'ok',
    settings: parsed.settings,
    migratedFrom: parsed.migratedFrom,
    kept: parsed.kept,
  };
  if (parsed.unknownKeys.length > 0 || parsed.newerVersion !== undefined) {
    const name = path.basename(file);
    const newer =
      parsed.newerVersion === undefined
        ? ''
        : `${name} was written by a newer version (schemaVersion ${parsed.newerVersion}); `;
    const fields = parsed.unknownKeys.length > 0 ? parsed.unknownKeys.join(', ') : 'none';
    const detail = `${newer}fields this version does not use are kept unchanged: ${fields}`;
    logger.warn('settings: unknown fields kept', {
      file: name,
      keys: parsed.unknownKeys,
      newerVersion: parsed.newerVersion,
    });
    candidate.keptNotice = { code: 'settings-unknown-fields-kept', detail, at: now().toISOString() };
  }
  return candidate;
}

const keptNotices = (candidate: { keptNotice?: Notice }): Notice[] =>
  candidate.keptNotice ? [candidate.keptNotice] : [];

export async function loadSettings(
  file: string,
  now: () => Date,
  logger: Logger,
  port: FsPort = nodeFs,
): Promise<LoadedSettings> {
  await removeStaleTemps(file, port);
  const name = path.basename(file);
  const backupFile = `${file}.bak`;
  const primary = await readCandidate(file, now, logger, port);
  if (primary.state === 'ok') {
    if (primary.migratedFrom !== undefined)
      logger.info('settings: migrated', { fromVersion: primary.migratedFrom });
    return {
      settings: primary.settings,
      notices: keptNotices(primary),
      rewrite: primary.migratedFrom === undefined ? undefined : 'migrated',
      primaryIsGood: true,
      kept: primary.kept,
    };
  }

  const details: string[] = [];
  let primaryIsGood = true;
  if (primary.state === 'bad') {
    const keptAs = await setAside(file, now(), port);
    // Not kept aside: it is still settings.json. Do not rewrite it now, and never rotate it into .bak.
    primaryIsGood = keptAs !== undefined;
    details.push(`${name}: ${primary.problem}${keptAs ? `; kept as ${path.basename(keptAs)}` : ''}`);
    logger.warn('settings: file unusable', { file: name, problem: primary.problem, keptAs });
  }

  const backup = await readCandidate(backupFile, now, logger, port);
  if (backup.state === 'ok') {
    if (primary.state === 'missing') details.push(`${name} was missing`);
    const notice: Notice = {
      code: 'settings-recovered-from-backup',
      detail: `${details.join('; ')}; restored the previous version from ${name}.bak`,
      at: now().toISOString(),
    };
    logger.warn('settings: recovered from backup', { detail: notice.detail });
    return {
      settings: backup.settings,
      notices: [notice, ...keptNotices(backup)],
      rewrite: primaryIsGood ? 'recovered' : undefined,
      primaryIsGood,
      kept: backup.kept,
    };
  }
  if (primary.state === 'missing' && backup.state === 'missing') {
    return {
      settings: defaultSettings(),
      notices: [],
      rewrite: undefined,
      primaryIsGood: true,
      kept: NOTHING_KEPT,
    };
  }

  if (primary.state === 'missing') details.push(`${name} was missing`);
  if (backup.state === 'bad') {
    const keptAs = await setAside(backupFile, now(), port);
    details.push(`${name}.bak: ${backup.problem}${keptAs ? `; kept as ${path.basename(keptAs)}` : ''}`);
  } else {
    details.push(`no ${name}.bak`);
  }
  const notice: Notice = {
    code: 'settings-reset-unreadable',
    detail: `${details.join('; ')}; starting with default settings (unconfigured)`,
    at: now().toISOString(),
  };
  logger.error('settings: unreadable, using defaults', { detail: notice.detail });
  return {
    settings: defaultSettings(),
    notices: [notice],
    rewrite: undefined,
    primaryIsGood,
    kept: NOTHING_KEPT,
  };
}
