/**
 * A kiosk comes back on its own: a renderer crash or hang → reload, with a notice for the screen;
 * a crash loop → the static "call the manager" page (crash-loop.ts decides which).
 */
import type { App, BrowserWindow } from 'electron';
import type { CrashLoopBreaker } from './crash-loop';
import type { Logger } from '@balance-desk/desk-core';

/** The renderer reads `?notice=renderer-restarted` to show the "screen restarted" banner. */
const RESTART_NOTICE_QUERY = 'notice=renderer-restarted';

export interface CrashRecoveryOptions {
  /** The page to reload (app entry). */
  entryUrl: string;
  /** The static page shown after the breaker gives up. */
  crashPageUrl: string;
  breaker: CrashLoopBreaker;
  logger: Logger;
  /** How long a hung renderer gets before it is killed and reloaded. Default 15 s. */
  hangTimeoutMs?: number;
}

export function withRestartNotice(entryUrl: string): string {
  const url = new URL(entryUrl);
  url.search = RESTART_NOTICE_QUERY;
  return url.href;
}

export function watchCrashes(win: BrowserWindow, app: Pick<App, 'on'>, options: CrashRecoveryOptions): void {
  const { breaker, logger } = options;
  const hangTimeoutMs = options.hangTimeoutMs ?? 15_000;
  let hangTimer: NodeJS.Timeout | undefined;

  function recover(cause: string, detail: Record<string, unknown>): void {
    if (win.isDestroyed()) return;
    const decision = breaker.record();
    logger.error('renderer lost', { cause, decision, ...detail });
    const url = decision === 'reload' ? withRestartNotice(options.entryUrl) : options.crashPageUrl;
    win.loadURL(url).catch((error: unknown) => logger.error('reload failed', { cause, error }));
  }

  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    recover('render-process-gone', { reason: details.reason, exitCode: details.exitCode });
  });

  win.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    // -3 is ERR_ABORTED: a navigation we (or a reload) superseded, not a failure.
    if (!isMainFrame || errorCode === -3 || validatedURL === options.crashPageUrl) return;
    recover('did-fail-load', { errorCode, errorDescription });
  });

  // A hung renderer is killed after a grace period; `render-process-gone` then reloads it.
  win.on('unresponsive', () => {
    if (hangTimer !== undefined) return;
    logger.warn('renderer unresponsive', { graceMs: hangTimeoutMs });
    hangTimer = setTimeout(() => {
      hangTimer = undefined;
      if (!win.isDestroyed()) win.webContents.forcefullyCrashRenderer();
    }, hangTimeoutMs);
  });
  win.on('responsive', () => {
    if (hangTimer === undefined) return;
    clearTimeout(hangTimer);
    hangTimer = undefined;
    logger.info('renderer responsive again');
  });
  win.on('closed', () => clearTimeout(hangTimer));

  // The GPU process takes every window's compositing with it; reload so the screen is not left black.
  app.on('child-process-gone', (_event, details) => {
    if (details.type !== 'GPU' || details.reason === 'clean-exit') return;
    recover('gpu-process-gone', { reason: details.reason, exitCode: details.exitCode });
  });
}
