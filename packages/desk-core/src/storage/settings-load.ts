/**
 * Loading settings at start-up. Never throws and never resets silently (defaults would leave a
 * configured till without its shop and gateway):
 * - no file (a fresh terminal) → defaults, no notice;
 * - settings.json unusable → the broken file is kept aside as `settings.json.corrupt-<time>`,
 *   `.bak` is used and rewritten as settings.json, notice `settings-recovered-from-backup`;
 * - both unusable → defaults (the terminal starts unconfigured: demo mode), notice
 *   `settings-reset-unreadable`; the broken files are kept aside for IT.
 * The notice detail names files and problems, never values.
 */
import type { Notice } from '@balance-desk/contract';
import path from 'node:path';
import type { Logger, Settings } from '../ports';
import { readIfExists, removeStaleTemps, setAside } from './atomic-file';
import { parseSettingsText } from './settings-file';
import { defaultSettings } from './settings-schema';

type Candidate =
  | { state: 'missing' }
  | { state: 'ok'; settings: Settings; migratedFrom: number | undefined }
  | { state: 'bad'; problem: string };

export interface LoadedSettings {
  settings: Settings;
  notices: Notice[];
  /** Write `settings` back now: recovered from .bak (no rotation) or migrated (old version rotated to .bak). */
  rewrite: 'recovered' | 'migrated' | undefined;
  /** settings.json holds a good version, so the next write may rotate it into .bak. */
  primaryIsGood: boolean;
}

async function readCandidate(file: string, logger: Logger): Promise<Candidate> {
  let data: Buffer | undefined;
  try {
    data = await readIfExists(file);
  } catch (error) {
    return { state: 'bad', problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (data === undefined) return { state: 'missing' };
  const parsed = parseSettingsText(data.toString('utf8'));
  if (!parsed.ok) return { state: 'bad', problem: parsed.problem };
  if (parsed.droppedKeys.length > 0) {
    logger.warn('settings: unknown keys ignored', { file: path.basename(file), keys: parsed.droppedKeys });
  }
  return { state: 'ok', settings: parsed.settings, migratedFrom: parsed.migratedFrom };
}

export async function loadSettings(file: string, now: () => Date, logger: Logger): Promise<LoadedSettings> {
  await removeStaleTemps(file);
  const name = path.basename(file);
  const backupFile = `${file}.bak`;
  const primary = await readCandidate(file, logger);
  if (primary.state === 'ok') {
    if (primary.migratedFrom !== undefined)
      logger.info('settings: migrated', { fromVersion: primary.migratedFrom });
    return {
      settings: primary.settings,
      notices: [],
      rewrite: primary.migratedFrom === undefined ? undefined : 'migrated',
      primaryIsGood: true,
    };
  }

  const details: string[] = [];
  let primaryIsGood = true;
  if (primary.state === 'bad') {
    const keptAs = await setAside(file, now());
    // Not kept aside: it is still settings.json. Do not rewrite it now, and never rotate it into .bak.
    primaryIsGood = keptAs !== undefined;
    details.push(`${name}: ${primary.problem}${keptAs ? `; kept as ${path.basename(keptAs)}` : ''}`);
    logger.warn('settings: file unusable', { file: name, problem: primary.problem, keptAs });
  }

  const backup = await readCandidate(backupFile, logger);
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
      notices: [notice],
      rewrite: primaryIsGood ? 'recovered' : undefined,
      primaryIsGood,
    };
  }
  if (primary.state === 'missing' && backup.state === 'missing') {
    return { settings: defaultSettings(), notices: [], rewrite: undefined, primaryIsGood: true };
  }

  if (primary.state === 'missing') details.push(`${name} was missing`);
  if (backup.state === 'bad') {
    const keptAs = await setAside(backupFile, now());
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
  return { settings: defaultSettings(), notices: [notice], rewrite: undefined, primaryIsGood };
}
