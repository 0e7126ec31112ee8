import type { Logger, Restorable, SettingsStore, Vault } from '../ports';
import type { FsPort } from '../storage/files/fs-port';
import { findProvisioningFile, provisioningNotice } from '../storage/provisioning/provisioning-find';
import { provisionFromFile } from '../storage/provisioning/provisioning';
import type { ManagerPinStore } from '../storage/pin/pin-store';
import type { NoticeBoard } from './notices';
import { errorName } from '../util/error-name';

export interface ProvisioningContext {
  argv: readonly string[];
  wellKnownPaths: readonly string[];
  settings: SettingsStore & Partial<Restorable>;
  vault: Vault & Partial<Restorable>;
  pins: ManagerPinStore;
  notices: NoticeBoard;
  logger: Logger;
  now: () => Date;
  fs?: FsPort;
  /**
   * Told the result of a file that was found: applied, or refused (nothing applied). A refused
   * file still means IT asked for this terminal to be configured, so it must not stay in demo mode.
   */
  onResult?: (result: { ok: boolean; detail: string | undefined }) => Promise<void>;
}

/**
 * IT's provisioning file, when one is found (`--provision <file>` or a well-known path): applied
 * before anything else starts, its report shown as a `provisioning-applied`/`-failed` banner.
 * Never throws: a broken file must not keep the cashier screen from coming up.
 * Resolves `failClosed` when a failed run could not be undone (the terminal must not look up).
 */
export async function applyProvisioning(ctx: ProvisioningContext): Promise<{ failClosed: boolean }> {
  try {
    const found = await findProvisioningFile({
      argv: ctx.argv,
      wellKnownPaths: ctx.wellKnownPaths,
      logger: ctx.logger,
    });
    if (!found) return { failClosed: false };
    const report = await provisionFromFile(found.file, {
      settings: ctx.settings,
      vault: ctx.vault,
      pin: ctx.pins,
      logger: ctx.logger,
      now: ctx.now,
      ...(ctx.fs ? { fs: ctx.fs } : {}),
    });
    const notice = provisioningNotice(report, found.file, ctx.now());
    ctx.notices.raise(notice.code, notice.detail);
    ctx.logger.info('provisioning', { source: found.source, ok: report.ok });
    await ctx.onResult?.({ ok: report.ok, detail: notice.detail });
    return { failClosed: !report.ok && report.failClosed === true };
  } catch (error) {
    ctx.logger.error('provisioning crashed', { error: errorName(error) });
    ctx.notices.raise('provisioning-failed', 'internal error');
    await ctx.onResult?.({ ok: false, detail: 'internal error' }).catch(() => undefined);
    // Nothing says what was left behind: do not look up with it.
    return { failClosed: true };
  }
}
