/**
 * Rules for every webContents the app ever creates, attached from `app.on('web-contents-created')`
 * so a window, a devtools host or anything added later gets them before it loads a byte.
 */
import type { WebContents } from 'electron';
import type { Logger } from '@balance-desk/desk-core';

/** The same document URL, fragment ignored. Anything unparseable is not allowed. */
export function isSameUrl(current: string, target: string): boolean {
  try {
    const a = new URL(current);
    const b = new URL(target);
    a.hash = '';
    b.hash = '';
    return a.href === b.href;
  } catch {
    return false;
  }
}

/** What a navigation event hands us (`Event<WebContentsWill…NavigateEventParams>`). */
interface NavigationDetails {
  url: string;
  isSameDocument?: boolean;
  preventDefault(): void;
}

export function applyWebContentsRules(contents: WebContents, logger: Logger): void {
  /**
   * Electron security checklist #13 "Disable or limit navigation":
   * https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation
   * The cashier UI is one page; main loads pages itself (`loadURL` does not raise these events).
   */
  const denyNavigation = (kind: string) => (details: NavigationDetails) => {
    if (details.isSameDocument === true || isSameUrl(contents.getURL(), details.url)) return;
    details.preventDefault();
    logger.warn('navigation blocked', { kind, url: details.url });
  };
  contents.on('will-navigate', denyNavigation('will-navigate'));
  contents.on('will-frame-navigate', denyNavigation('will-frame-navigate'));

  /** Checklist #13 as well: our protocol never redirects, so any redirect is someone else's. */
  contents.on('will-redirect', (details) => {
    details.preventDefault();
    logger.warn('redirect blocked', { url: details.url });
  });

  /**
   * Electron security checklist #14 "Disable or limit creation of new windows":
   * https://www.electronjs.org/docs/latest/tutorial/security#14-disable-or-limit-creation-of-new-windows
   * No window.open, no target=_blank, and no shell.openExternal either: a POS opens nothing.
   */
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn('window.open denied', { url });
    return { action: 'deny' };
  });

  /**
   * Electron security checklist #12 "Verify WebView options before creation":
   * https://www.electronjs.org/docs/latest/tutorial/security#12-verify-webview-options-before-creation
   * We never use <webview> (`webviewTag: false`); refuse one outright should it ever appear.
   */
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview attach blocked');
  });
}
