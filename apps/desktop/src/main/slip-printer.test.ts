import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A thin Electron stand-in: windows record what they load and how they are asked to print. */
const state = vi.hoisted(() => ({
  windows: [] as Array<{ options: unknown; loaded: string; printOptions: unknown; destroyed: boolean }>,
  printers: [{ name: 'XP-58', displayName: 'XP-58 Thermal' }],
  measured: 300,
  printOk: true,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    record = {
      options: undefined as unknown,
      loaded: '',
      printOptions: undefined as unknown,
      destroyed: false,
    };
    webContents = {
      executeJavaScript: async () => state.measured,
      print: (options: unknown, done: (ok: boolean, reason: string) => void) => {
        this.record.printOptions = options;
        done(state.printOk, state.printOk ? '' : 'failed');
      },
    };
    constructor(options: unknown) {
      this.record.options = options;
      state.windows.push(this.record);
    }
    async loadURL(url: string) {
      this.record.loaded = url;
    }
    destroy() {
      this.record.destroyed = true;
    }
  }
  return { BrowserWindow };
});

const { createSlipPrinter } = await import('./slip-printer');

const contents = {
  isDestroyed: () => false,
  getPrintersAsync: async () => state.printers,
};

beforeEach(() => {
  state.windows.length = 0;
  state.printOk = true;
});

describe('the system slip printer', () => {
  it('prints silently, without margins, on a page as wide as the paper and as tall as the slip', async () => {
    const printer = createSlipPrinter(() => contents as never);
    const html = '<!doctype html><p>余额</p>';
    expect(await printer.print({ html, deviceName: 'XP-58', paperWidthMm: 58 })).toEqual({ kind: 'printed' });
    const [win] = state.windows;
    expect(decodeURIComponent(win?.loaded.replace(/^data:text\/html;charset=utf-8,/, '') ?? '')).toBe(html);
    expect(win?.printOptions).toEqual({
      silent: true,
      deviceName: 'XP-58',
      printBackground: false,
      margins: { marginType: 'none' },
      // 300 CSS px = 79 375 µm, plus 8 mm for the cutter.
      pageSize: { width: 58_000, height: 87_375 },
    });
    expect(win?.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true },
    });
    expect(win?.destroyed).toBe(true);
  });

  it('answers printer-unavailable for a printer the OS does not list, print-failed for a failed job', async () => {
    const printer = createSlipPrinter(() => contents as never);
    expect(await printer.print({ html: '', deviceName: 'Gone', paperWidthMm: 80 })).toMatchObject({
      kind: 'failed',
      reason: 'printer-unavailable',
    });
    expect(state.windows).toHaveLength(0);
    state.printOk = false;
    expect(await printer.print({ html: '', deviceName: 'XP-58', paperWidthMm: 80 })).toMatchObject({
      kind: 'failed',
      reason: 'print-failed',
    });
    expect(state.windows[0]?.destroyed).toBe(true);
  });

  it('lists the OS printers by name', async () => {
    expect(await createSlipPrinter(() => contents as never).listPrinters()).toEqual([
      { name: 'XP-58', displayName: 'XP-58 Thermal' },
    ]);
    expect(await createSlipPrinter(() => null).listPrinters()).toEqual([]);
  });
});
