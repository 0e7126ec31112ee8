import { EventEmitter } from 'node:events';
import {
  CUSTOMER_VIEW_EVENT,
  type CustomerDisplaySettings,
  type CustomerViewUpdate,
} from '@balance-desk/contract';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A thin BrowserWindow stand-in: records what the controller does to it, in order. */
const fake = vi.hoisted(() => ({ windows: [] as unknown[], log: [] as string[] }));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeWindow extends Emitter {
    webContents = Object.assign(new Emitter(), {
      sent: [] as unknown[],
      send: (channel: string, payload: unknown) => this.webContents.sent.push({ channel, payload }),
    });
    bounds: { x: number; y: number; width: number; height: number };
    fullScreen = false;
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      const o = options as { x: number; y: number; width: number; height: number };
      this.bounds = { x: o.x, y: o.y, width: o.width, height: o.height };
      fake.windows.push(this);
      fake.log.push('new');
    }
    loadURL = (url: string) => (fake.log.push(`load ${url}`), Promise.resolve());
    isDestroyed = () => this.destroyed;
    destroy = () => {
      this.destroyed = true;
      fake.log.push('destroy');
    };
    getBounds = () => ({ ...this.bounds });
    setBounds = (b: FakeWindow['bounds']) => {
      this.bounds = { ...b };
      fake.log.push(`setBounds ${b.x},${b.y} ${b.width}x${b.height}`);
    };
    isFullScreen = () => this.fullScreen;
    setFullScreen = (on: boolean) => {
      this.fullScreen = on;
      fake.log.push(`fullScreen ${on}`);
    };
    showInactive = () => fake.log.push('showInactive');
  }
  return { BrowserWindow: FakeWindow };
});

const { createCustomerWindow, listDisplays } = await import('./customer-window');

interface FakeWin extends EventEmitter {
  options: Record<string, unknown>;
  destroyed: boolean;
  webContents: EventEmitter & { sent: { channel: string; payload: unknown }[] };
}

const cashierScreen = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1366, height: 768 },
  workArea: { x: 0, y: 0, width: 1366, height: 728 },
};
const customerScreen = {
  id: 2528732444,
  bounds: { x: 1366, y: 0, width: 1024, height: 600 },
  workArea: { x: 1366, y: 0, width: 1024, height: 600 },
};

function fakeScreen(displays: (typeof cashierScreen)[]) {
  return Object.assign(new EventEmitter(), {
    displays,
    getAllDisplays() {
      return this.displays;
    },
    getPrimaryDisplay: () => ({ id: 1 }),
  });
}

function fakeViews() {
  const listeners = new Set<(u: CustomerViewUpdate) => void>();
  let current: CustomerViewUpdate = {
    seq: 0,
    view: { kind: 'rest', locale: 'en', storeName: 'Shop', welcome: 'Welcome' },
  };
  return {
    listeners,
    current: () => current,
    subscribe(listener: (u: CustomerViewUpdate) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(update: CustomerViewUpdate) {
      current = update;
      for (const l of listeners) l(update);
    },
  };
}

const on: CustomerDisplaySettings = {
  enabled: true,
  displayId: customerScreen.id,
  showParts: false,
  clearAfterSeconds: 15,
  locale: 'en',
};
const logger = { info() {}, warn() {}, error() {} };
const windows = () => fake.windows as FakeWin[];

function setUp(displays = [cashierScreen, customerScreen]) {
  const screen = fakeScreen(displays);
  const views = fakeViews();
  const controller = createCustomerWindow({
    screen,
    preload: '/app/out/preload/customer.js',
    url: 'app://balance-desk/customer.html',
    views,
    logger,
  });
  return { screen, views, controller };
}

beforeEach(() => {
  fake.windows.length = 0;
  fake.log.length = 0;
});

describe('customer window', () => {
  it('opens nothing while the setting is off', () => {
    const { controller } = setUp();
    controller.apply({ ...on, enabled: false });
    expect(fake.log).toEqual([]);
  });

  it('opens unfocusable and sandboxed, placed on the chosen display before going full screen', () => {
    const { controller } = setUp();
    controller.apply(on);
    expect(fake.log).toEqual([
      'new',
      'load app://balance-desk/customer.html',
      'setBounds 1366,0 1024x600',
      'fullScreen true',
    ]);
    const [win] = windows();
    expect(win?.options).toMatchObject({ focusable: false, show: false, x: 1366, width: 1024 });
    expect(win?.options['webPreferences']).toMatchObject({
      preload: '/app/out/preload/customer.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
    win?.emit('ready-to-show');
    expect(fake.log.at(-1)).toBe('showInactive');
  });

  it('sends the current view when the page has loaded, then every new one', () => {
    const { controller, views } = setUp();
    controller.apply(on);
    const win = windows()[0] as FakeWin;
    win.webContents.emit('did-finish-load');
    const balance: CustomerViewUpdate = {
      seq: 1,
      view: { kind: 'error', locale: 'en', storeName: 'Shop', line: 'Please see the cashier' },
    };
    views.publish(balance);
    expect(win.webContents.sent.map((m) => m.channel)).toEqual([CUSTOMER_VIEW_EVENT, CUSTOMER_VIEW_EVENT]);
    expect(win.webContents.sent[1]?.payload).toEqual(balance.view);
    expect(win.webContents.sent[0]?.payload).toMatchObject({ kind: 'rest' });
  });

  it('goes with its display and comes back when it returns; follows a resolution change', () => {
    const { controller, screen, views } = setUp();
    controller.apply(on);
    screen.displays = [cashierScreen];
    screen.emit('display-removed');
    expect(windows()[0]?.destroyed).toBe(true);
    expect(views.listeners.size).toBe(0);

    screen.displays = [cashierScreen, customerScreen];
    screen.emit('display-added');
    expect(windows()).toHaveLength(2);
    fake.log.length = 0;
    screen.displays = [
      cashierScreen,
      {
        ...customerScreen,
        bounds: { ...customerScreen.bounds, width: 800, height: 480 },
        workArea: { ...customerScreen.workArea, width: 800, height: 480 },
      },
    ];
    screen.emit('display-metrics-changed');
    expect(fake.log).toEqual(['fullScreen false', 'setBounds 1366,0 800x480', 'fullScreen true']);
  });

  it('never covers the cashier screen when no other display is there', () => {
    const { controller } = setUp([cashierScreen]);
    controller.apply({ ...on, displayId: null });
    expect(fake.log).toEqual([]);
  });

  it('closes when turned off, and stops following displays when closed', () => {
    const { controller, screen } = setUp();
    controller.apply(on);
    controller.apply({ ...on, enabled: false });
    expect(windows()[0]?.destroyed).toBe(true);
    controller.apply(on);
    controller.close();
    expect(windows()[1]?.destroyed).toBe(true);
    expect(screen.listenerCount('display-added')).toBe(0);
  });

  it('lists the displays for the settings form, the cashier one marked', () => {
    expect(listDisplays(fakeScreen([cashierScreen, customerScreen]))).toEqual([
      { id: 1, width: 1366, height: 768, primary: true },
      { id: 2528732444, width: 1024, height: 600, primary: false },
    ]);
  });
});
