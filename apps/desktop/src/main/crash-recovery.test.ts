import { EventEmitter } from 'node:events';
import type { App, BrowserWindow } from 'electron';
import { describe, expect, it } from 'vitest';
import { createCrashLoopBreaker } from './crash-loop';
import { watchCrashes, withRestartNotice } from './crash-recovery';

const ENTRY = 'app://balance-desk/index.html';
const CRASH = 'app://balance-desk/__desk/crash.html';
const silent = { info() {}, warn() {}, error() {} };

class FakeContents extends EventEmitter {
  crashes = 0;
  forcefullyCrashRenderer() {
    this.crashes++;
    // Electron then reports the renderer as gone.
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  }
}
class FakeWindow extends EventEmitter {
  webContents = new FakeContents();
  loads: string[] = [];
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
  loadURL(url: string) {
    this.loads.push(url);
    return Promise.resolve();
  }
}

function setup(hangTimeoutMs = 20) {
  const win = new FakeWindow();
  const app = new EventEmitter();
  let t = 0;
  const breaker = createCrashLoopBreaker({ now: () => t });
  watchCrashes(win as unknown as BrowserWindow, app as unknown as App, {
    entryUrl: ENTRY,
    crashPageUrl: CRASH,
    breaker,
    logger: silent,
    hangTimeoutMs,
  });
  return { win, app, advance: (ms: number) => (t += ms) };
}

const gone = (reason: string) => [{}, { reason, exitCode: 1 }] as const;

describe('watchCrashes', () => {
  it('reloads a crashed renderer with the restart notice, then shows the crash page on the third crash', () => {
    const { win } = setup();
    win.webContents.emit('render-process-gone', ...gone('crashed'));
    win.webContents.emit('render-process-gone', ...gone('oom'));
    win.webContents.emit('render-process-gone', ...gone('crashed'));
    expect(win.loads).toEqual([withRestartNotice(ENTRY), withRestartNotice(ENTRY), CRASH]);
    expect(withRestartNotice(ENTRY)).toBe('app://balance-desk/index.html?notice=renderer-restarted');
  });

  it('ignores a clean exit (the app is quitting)', () => {
    const { win } = setup();
    win.webContents.emit('render-process-gone', ...gone('clean-exit'));
    expect(win.loads).toEqual([]);
  });

  it('kills a renderer that stays unresponsive, which reloads it', async () => {
    const { win } = setup(20);
    win.emit('unresponsive');
    win.emit('unresponsive'); // Electron may repeat it; one timer only
    await new Promise((r) => setTimeout(r, 60));
    expect(win.webContents.crashes).toBe(1);
    expect(win.loads).toEqual([withRestartNotice(ENTRY)]);
  });

  it('leaves a renderer alone that becomes responsive within the grace period', async () => {
    const { win } = setup(40);
    win.emit('unresponsive');
    win.emit('responsive');
    await new Promise((r) => setTimeout(r, 80));
    expect(win.webContents.crashes).toBe(0);
    expect(win.loads).toEqual([]);
  });

  it('reloads after a GPU process crash, not after other child processes', () => {
    const { win, app } = setup();
    app.emit('child-process-gone', {}, { type: 'Utility', reason: 'crashed', exitCode: 1 });
    app.emit('child-process-gone', {}, { type: 'GPU', reason: 'clean-exit', exitCode: 0 });
    expect(win.loads).toEqual([]);
    app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 1 });
    expect(win.loads).toEqual([withRestartNotice(ENTRY)]);
  });

  it('treats a failed main-frame load as a crash, but not an aborted one or the crash page itself', () => {
    const { win } = setup();
    win.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', ENTRY, true);
    win.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', ENTRY, false);
    win.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', CRASH, true);
    expect(win.loads).toEqual([]);
    win.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', ENTRY, true);
    expect(win.loads).toEqual([withRestartNotice(ENTRY)]);
  });

  it('does nothing once the window is destroyed', () => {
    const { win } = setup();
    win.destroyed = true;
    win.webContents.emit('render-process-gone', ...gone('crashed'));
    expect(win.loads).toEqual([]);
  });
});
