import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { isAllowedRequest } from './session-rules';
import { applyWebContentsRules, isSameUrl } from './web-contents-rules';

const silent = { info() {}, warn() {}, error() {} };

/** Just enough of a WebContents: events, the current URL and the window-open handler. */
class FakeContents extends EventEmitter {
  url = 'app://balance-desk/index.html';
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  getURL() {
    return this.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

function navigation(url: string, isSameDocument = false) {
  const details = { url, isSameDocument, prevented: false, preventDefault: () => (details.prevented = true) };
  return details;
}

describe('applyWebContentsRules', () => {
  const contents = new FakeContents();
  applyWebContentsRules(contents as unknown as WebContents, silent);

  it.each(['will-navigate', 'will-frame-navigate'])(
    '%s: blocks leaving the page, allows the same page',
    (event) => {
      for (const url of [
        'https://evil.example/',
        'app://balance-desk/other.html',
        'file:///etc/passwd',
        'javascript:alert(1)',
      ]) {
        const details = navigation(url);
        contents.emit(event, details);
        expect(details.prevented, url).toBe(true);
      }
      const same = navigation('app://balance-desk/index.html#scan');
      contents.emit(event, same);
      expect(same.prevented).toBe(false);
      const inPage = navigation('app://balance-desk/index.html?x', true);
      contents.emit(event, inPage);
      expect(inPage.prevented).toBe(false);
    },
  );

  it('blocks every redirect', () => {
    const details = navigation('app://balance-desk/index.html');
    contents.emit('will-redirect', details);
    expect(details.prevented).toBe(true);
  });

  it('denies window.open', () => {
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://balance-desk/index.html' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });
});

describe('isSameUrl', () => {
  it('ignores the fragment only', () => {
    expect(isSameUrl('app://balance-desk/index.html', 'app://balance-desk/index.html#a')).toBe(true);
    expect(isSameUrl('app://balance-desk/index.html', 'app://balance-desk/index.html?a')).toBe(false);
    expect(isSameUrl('app://balance-desk/index.html', 'not a url')).toBe(false);
  });
});

describe('isAllowedRequest', () => {
  const app = ['app://balance-desk'];
  it.each<[string, boolean]>([
    ['app://balance-desk/assets/index.js', true],
    ['data:image/png;base64,iVBORw0KGgo=', true],
    ['blob:app://balance-desk/6f1c…', true],
    ['devtools://devtools/bundled/inspector.html', true],
    ['https://eco.taobao.com/router/rest', false],
    ['http://127.0.0.1:9000/', false],
    ['app://balance-desk.evil/x.js', false],
    ['blob:https://evil.example/1', false],
    ['file:///etc/passwd', false],
    ['ws://localhost:5173/', false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedRequest(url, app)).toBe(expected);
  });

  it('allows the dev server and its WebSocket when they are listed', () => {
    const dev = ['http://localhost:5173', 'ws://localhost:5173'];
    expect(isAllowedRequest('http://localhost:5173/@vite/client', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', dev)).toBe(false);
  });
});
