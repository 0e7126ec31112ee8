/**
 * Opt-in record of the card ids the lookup store received from the scanner, for the e2e suite's
 * 1,000-scan run. Only active when the page URL has `?e2e` (the web preview under Playwright);
 * the Electron window never loads such a URL, so in the app this is a no-op.
 */
declare global {
  interface Window {
    __balanceDeskScanLog?: string[];
  }
}

const enabled = typeof location !== 'undefined' && new URLSearchParams(location.search).has('e2e');

export function recordScan(cardId: string): void {
  if (!enabled) return;
  (window.__balanceDeskScanLog ??= []).push(cardId);
}
