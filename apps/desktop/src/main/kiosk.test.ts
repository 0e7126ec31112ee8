import { EventEmitter } from 'node:events';
import type { BrowserWindow } from 'electron';
import { describe, expect, it } from 'vitest';
import { createKioskController } from './kiosk';

const silent = { info() {}, warn() {}, error() {} };

class FakeContents extends EventEmitter {
  devToolsOpen = false;
  isDevToolsOpened() {
    return this.devToolsOpen;
  }
  closeDevTools() {
    this.devToolsOpen = false;
  }
}
class FakeWindow {
  webContents = new FakeContents();
  state = { kiosk: false, fullScreen: false, autoHideMenuBar: false, menuBarVisible: true };
  isDestroyed = () => false;
  setKiosk = (on: boolean) => (this.state.kiosk = on);
  setFullScreen = (on: boolean) => (this.state.fullScreen = on);
  setAutoHideMenuBar = (on: boolean) => (this.state.autoHideMenuBar = on);
  setMenuBarVisibility = (on: boolean) => (this.state.menuBarVisible = on);
}
function fakeBlocker() {
  const started = new Set<number>();
  let next = 1;
  return {
    started,
    start: (type: string) => {
      expect(type).toBe('prevent-display-sleep');
      started.add(next);
      return next++;
    },
    stop: (id: number) => started.delete(id),
    isStarted: (id: number) => started.has(id),
  };
}

function keyDown(contents: FakeContents, input: Record<string, unknown>): boolean {
  let prevented = false;
  contents.emit(
    'before-input-event',
    { preventDefault: () => (prevented = true) },
    { type: 'keyDown', control: false, meta: false, alt: false, shift: false, ...input },
  );
  return prevented;
}

describe('createKioskController', () => {
  it('turns kiosk on and off: window state, display kept awake, devtools closed', () => {
    const win = new FakeWindow();
    const blocker = fakeBlocker();
    const kiosk = createKioskController(win as unknown as BrowserWindow, {
      powerSaveBlocker: blocker,
      logger: silent,
      packaged: false,
    });
    win.webContents.devToolsOpen = true;
    kiosk.apply(true);
    expect(win.state).toEqual({
      kiosk: true,
      fullScreen: true,
      autoHideMenuBar: true,
      menuBarVisible: false,
    });
    expect(win.webContents.devToolsOpen).toBe(false);
    expect(blocker.started.size).toBe(1);
    kiosk.apply(true); // re-applying does not start a second blocker
    expect(blocker.started.size).toBe(1);
    kiosk.apply(false);
    expect(win.state.kiosk).toBe(false);
    expect(win.state.fullScreen).toBe(false);
    expect(blocker.started.size).toBe(0);
    expect(kiosk.active).toBe(false);
  });

  it('swallows blocked shortcuts only while in kiosk, and never scanner keys', () => {
    const win = new FakeWindow();
    const kiosk = createKioskController(win as unknown as BrowserWindow, {
      powerSaveBlocker: fakeBlocker(),
      logger: silent,
      packaged: false,
    });
    expect(keyDown(win.webContents, { key: 'r', code: 'KeyR', control: true })).toBe(false);
    kiosk.apply(true);
    expect(keyDown(win.webContents, { key: 'r', code: 'KeyR', control: true })).toBe(true);
    expect(keyDown(win.webContents, { key: 'F12', code: 'F12' })).toBe(true);
    expect(keyDown(win.webContents, { key: '5', code: 'Digit5' })).toBe(false);
    expect(keyDown(win.webContents, { key: 'Enter', code: 'Enter' })).toBe(false);
  });

  it('closes devtools as soon as they open in kiosk or in a packaged build', () => {
    const win = new FakeWindow();
    createKioskController(win as unknown as BrowserWindow, {
      powerSaveBlocker: fakeBlocker(),
      logger: silent,
      packaged: true,
    });
    win.webContents.devToolsOpen = true;
    win.webContents.emit('devtools-opened');
    expect(win.webContents.devToolsOpen).toBe(false);
  });
});
