/**
 * Slips on printers the OS knows (docs/PRINTING.md "Printers through the OS driver"): desk-core
 * builds the HTML; this loads it in a hidden window, measures it, and prints it silently with no
 * margins and an explicit page size in microns — without one, Electron sends A4 to a roll printer.
 * Wiring only: the page size arithmetic is counter-output's `pageSizeMicrons`.
 */
import { BrowserWindow, type WebContents } from 'electron';
import { pageSizeMicrons, SLIP_HEIGHT_EXPRESSION, type SlipPrinter } from '@balance-desk/desk-core';

/** CSS pixels for a paper width (96 px per inch), so the hidden window lays the slip out at its real width. */
const pxFor = (mm: number): number => Math.ceil((mm / 25.4) * 96);

export function createSlipPrinter(listFrom: () => WebContents | null): SlipPrinter {
  async function listPrinters() {
    const contents = listFrom();
    if (!contents || contents.isDestroyed()) return [];
    const printers = await contents.getPrintersAsync();
    return printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name }));
  }

  return {
    listPrinters,
    async print({ html, deviceName, paperWidthMm }) {
      if (!(await listPrinters()).some((p) => p.name === deviceName))
        return { kind: 'failed', reason: 'printer-unavailable', detail: 'no printer of that name' };
      const win = new BrowserWindow({
        show: false,
        width: pxFor(paperWidthMm),
        height: 800,
        // The same rules as the cashier window (window.ts); the slip document has no script of its own.
        webPreferences: {
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          experimentalFeatures: false,
          webviewTag: false,
          disableBlinkFeatures: 'Auxclick',
          navigateOnDragDrop: false,
          spellcheck: false,
          devTools: false,
          safeDialogs: true,
        },
      });
      try {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        const height = Number(await win.webContents.executeJavaScript(SLIP_HEIGHT_EXPRESSION));
        const { success, failureReason } = await new Promise<{ success: boolean; failureReason: string }>(
          (resolve) =>
            win.webContents.print(
              {
                silent: true,
                deviceName,
                printBackground: false,
                margins: { marginType: 'none' },
                pageSize: pageSizeMicrons(paperWidthMm, height),
              },
              (ok, reason) => resolve({ success: ok, failureReason: reason }),
            ),
        );
        return success
          ? { kind: 'printed' }
          : { kind: 'failed', reason: 'print-failed', detail: failureReason };
      } finally {
        win.destroy();
      }
    },
  };
}
