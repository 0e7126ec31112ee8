/**
 * Session-wide rules: no permission is ever granted, nothing is downloaded, and no request leaves
 * for anywhere but the app's own origin. desk-core talks to the TOP gateway with Node's HTTP client
 * from main, which is not a session request and is not affected.
 */
import type { Session } from 'electron';
import type { Logger } from '@balance-desk/desk-core';
import { originOf } from './sender';

/**
 * Electron security checklist #1 "Only load secure content" — stronger: only our own content.
 * https://www.electronjs.org/docs/latest/tutorial/security#1-only-load-secure-content
 * `data:` is allowed for images (the CSP limits it to img-src); `blob:` only when minted by us.
 */
export function isAllowedRequest(url: string, allowedOrigins: readonly string[]): boolean {
  if (url.startsWith('data:')) return true;
  if (url.startsWith('blob:')) return isAllowedRequest(url.slice('blob:'.length), allowedOrigins);
  if (url.startsWith('devtools:')) return true;
  const origin = originOf(url);
  return origin !== undefined && allowedOrigins.some((allowed) => originOf(allowed) === origin);
}

export interface SessionRulesOptions {
  /** Origins the renderer may load from: the app protocol, plus the dev server in development. */
  allowedOrigins: readonly string[];
  logger: Logger;
}

export function applySessionRules(ses: Session, options: SessionRulesOptions): void {
  const { logger, allowedOrigins } = options;

  /**
   * Electron security checklist #5 "Handle session permission requests from remote content":
   * https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content
   * The cashier screen needs no camera, microphone, notification, geolocation, HID, serial or USB.
   */
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn('permission request denied', { permission });
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);

  ses.on('will-download', (event, item) => {
    event.preventDefault();
    logger.warn('download blocked', { url: item.getURL() });
  });

  ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const allowed = isAllowedRequest(details.url, allowedOrigins);
    if (!allowed) logger.warn('request blocked', { url: details.url.slice(0, 200) });
    callback({ cancel: !allowed });
  });
}
