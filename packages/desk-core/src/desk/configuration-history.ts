/**
 * Whether this terminal was ever configured (or asked to be), so that a configured terminal that
 * lost its settings never falls back to demo balances (docs/ARCHITECTURE.md). Demo is only for a
 * terminal that was never configured and never asked to be.
 *
 * The record is its own small file, `configured.json` in the data directory, apart from
 * settings.json and its backup, so losing those does not lose it. It is written when settings
 * first become configured, when provisioning applies or is refused, and when a loss is detected.
 * Without it (a terminal set up by an older version, or the file deleted too) the other traces
 * count: a stored secret (readable or not), a manager PIN, a settings backup or a settings file
 * kept aside as unreadable — each only while settings.json itself is missing or unreadable, since
 * a trainer may set a PIN on a demo terminal.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Logger, PinStore, SecretName, SettingsStore, Vault } from '../ports';
import { parseJsonSafely, readIfExists, writeFileAtomic } from '../storage/files/atomic-file';
import { SETTINGS_FILE_NAME } from '../storage/settings/settings-store';
import { SerialQueue } from '../storage/files/serial-queue';

export const CONFIGURED_MARKER_FILE = 'configured.json';

interface Marker {
  version: 1;
  /** First time settings were complete (or provisioning applied). */
  configuredAt?: string;
  /** A provisioning file was refused: IT asked for this terminal to be configured. */
  provisioningRefusedAt?: string;
  /** Settings were found missing or unreadable while traces of a configuration remained. */
  lostAt?: string;
  /** The kiosk setting last saved, so a terminal that lost its settings keeps kiosk as it was. */
  kiosk?: boolean;
  /**
   * A provisioning run failed and could not be undone: the settings may be half-new. Kept across
   * restarts (the provisioning file may be gone by then) until a provisioning run applies.
   */
  failedClosedAt?: string | undefined;
}

type ConfigurationTrace =
  'marker' | 'marker-unreadable' | 'secret' | 'manager-pin' | 'settings-backup' | 'settings-unreadable';

export interface ConfigurationHistory {
  /** Configured once, asked to be, or lost its settings: never demo again. */
  everConfigured(): boolean;
  /** Settings are missing or unreadable on a terminal that was configured: call the manager. */
  lost(): boolean;
  /** What showed it (for logs and the notice detail); never values. */
  traces(): ConfigurationTrace[];
  /** Settings became configured, or provisioning applied. Idempotent; keeps the kiosk flag current. */
  noteConfigured(kiosk: boolean): Promise<void>;
  /** A provisioning file was refused. */
  noteProvisioningRefused(): Promise<void>;
  /** The settings changed: keep the last kiosk choice on record. */
  noteKiosk(kiosk: boolean): Promise<void>;
  /** The kiosk state a terminal that lost its settings keeps: as last saved, on when unknown. */
  kioskWhenLost(): boolean;
  /** A provisioning run could not be undone, on this start or an earlier one, and none applied since. */
  failedClosed(): boolean;
  /** A provisioning run could not be undone: fail closed on later starts too. */
  noteFailedClosed(): Promise<void>;
  /** A provisioning run applied: configured, and whatever an earlier failed run left is replaced. */
  noteProvisioned(kiosk: boolean): Promise<void>;
}

export interface ConfigurationHistoryOptions {
  dir: string;
  settings: SettingsStore;
  vault: Vault;
  pins: PinStore;
  /** settings.json was missing or unreadable at start-up (the store fell back to defaults). */
  settingsMissing: boolean;
  now: () => Date;
  logger: Logger;
}

type LoadedMarker = { state: 'none' } | { state: 'ok'; marker: Marker } | { state: 'unreadable' };

async function loadMarker(file: string): Promise<LoadedMarker> {
  let data: Buffer | undefined;
  try {
    data = await readIfExists(file);
  } catch {
    return { state: 'unreadable' };
  }
  if (data === undefined) return { state: 'none' };
  const json = parseJsonSafely(data.toString('utf8'));
  if (!json.ok || typeof json.value !== 'object' || json.value === null || Array.isArray(json.value))
    return { state: 'unreadable' };
  const raw = json.value as Record<string, unknown>;
  const marker: Marker = { version: 1 };
  for (const key of ['configuredAt', 'provisioningRefusedAt', 'lostAt', 'failedClosedAt'] as const) {
    const value = Object.hasOwn(raw, key) ? raw[key] : undefined;
    if (typeof value === 'string') marker[key] = value;
  }
  if (typeof raw['kiosk'] === 'boolean') marker.kiosk = raw['kiosk'];
  return { state: 'ok', marker };
}

async function secretTrace(vault: Vault, name: SecretName): Promise<boolean> {
  try {
    return (await vault.getBound(name)) !== undefined;
  } catch {
    // Stored but unreadable (DPAPI reset, damaged vault): still a trace of a configuration.
    return true;
  }
}

async function settingsBackupTrace(dir: string): Promise<boolean> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  // settings.json.bak, or settings.json.corrupt-<time> kept aside as unreadable.
  return names.some((name) => name.startsWith(`${SETTINGS_FILE_NAME}.`) && !name.endsWith('.tmp'));
}

export async function openConfigurationHistory(
  options: ConfigurationHistoryOptions,
): Promise<ConfigurationHistory> {
  const { dir, settings, vault, pins, logger, now } = options;
  const file = path.join(dir, CONFIGURED_MARKER_FILE);
  const queue = new SerialQueue();
  const loaded = await loadMarker(file);
  let marker: Marker | undefined = loaded.state === 'ok' ? loaded.marker : undefined;
  const traces: ConfigurationTrace[] = [];
  if (loaded.state === 'ok') traces.push('marker');
  // A marker we cannot read was still written by us: fail closed.
  if (loaded.state === 'unreadable') traces.push('marker-unreadable');
  if (options.settingsMissing) {
    if ((await secretTrace(vault, 'appSecret')) || (await secretTrace(vault, 'sessionKey')))
      traces.push('secret');
    if (pins.isSet()) traces.push('manager-pin');
    if (await settingsBackupTrace(dir)) traces.push('settings-backup');
    if (settings.notices().some((n) => n.code === 'settings-reset-unreadable'))
      traces.push('settings-unreadable');
  }
  const everConfigured = (): boolean => traces.length > 0 || marker !== undefined;

  async function write(change: Partial<Marker>): Promise<void> {
    await queue.run(async () => {
      const next: Marker = { ...(marker ?? { version: 1 }), ...change, version: 1 };
      if (marker && JSON.stringify(next) === JSON.stringify(marker)) return;
      try {
        await fs.mkdir(dir, { recursive: true });
        await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
        marker = next;
      } catch (error) {
        // Kept in memory for this run: the terminal still refuses demo until it restarts.
        marker = next;
        logger.error('configuration record could not be written', {
          code: (error as NodeJS.ErrnoException).code,
        });
      }
    });
  }

  const history: ConfigurationHistory = {
    everConfigured,
    lost: () => everConfigured() && !settings.isConfigured() && options.settingsMissing,
    traces: () => [...traces],
    noteConfigured: (kiosk) => write({ configuredAt: marker?.configuredAt ?? now().toISOString(), kiosk }),
    noteProvisioningRefused: () => write({ provisioningRefusedAt: now().toISOString() }),
    noteKiosk: (kiosk) => (marker ? write({ kiosk }) : Promise.resolve()),
    kioskWhenLost: () => marker?.kiosk ?? true,
    failedClosed: () => marker?.failedClosedAt !== undefined,
    noteFailedClosed: () => write({ failedClosedAt: now().toISOString() }),
    noteProvisioned: (kiosk) =>
      write({ configuredAt: marker?.configuredAt ?? now().toISOString(), kiosk, failedClosedAt: undefined }),
  };

  if (options.settingsMissing && traces.length > 0 && !settings.isConfigured()) {
    logger.error('settings are missing on a terminal that was configured: not falling back to demo', {
      traces,
    });
    // Recorded, so a restart after settings.json is written again (kiosk below) still knows.
    await write({ lostAt: now().toISOString() });
  }
  return history;
}
