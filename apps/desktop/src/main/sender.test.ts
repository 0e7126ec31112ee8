import { describe, expect, it } from 'vitest';
import { isTrustedSender, originOf, type SenderFrame } from './sender';

const APP = 'app://balance-desk';
const top = (url: string): SenderFrame => ({ url, parent: null, detached: false, isDestroyed: () => false });

describe('isTrustedSender', () => {
  const parentFrame = top(`${APP}/index.html`);
  const detached: SenderFrame = {
    get url(): string {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    },
    parent: null,
    detached: true,
  };
  const urlThrows: SenderFrame = {
    get url(): string {
      throw new Error('Render frame was disposed');
    },
    parent: null,
  };

  it.each<[string, () => SenderFrame | null | undefined, boolean]>([
    ['the app page', () => top(`${APP}/index.html`), true],
    ['same origin, another path and a query', () => top(`${APP}/__desk/crash.html?x=1#y`), true],
    ['host case does not matter', () => top('app://Balance-Desk/index.html'), true],
    ['null frame (navigated away or destroyed)', () => null, false],
    ['undefined frame', () => undefined, false],
    ['a detached frame whose url throws', () => detached, false],
    ['a frame whose url throws', () => urlThrows, false],
    ['a destroyed frame', () => ({ url: `${APP}/index.html`, parent: null, isDestroyed: () => true }), false],
    ['a subframe on our origin', () => ({ url: `${APP}/index.html`, parent: parentFrame }), false],
    ['a frame without a parent field', () => ({ url: `${APP}/index.html` }) as unknown as SenderFrame, false],
    ['look-alike host with a suffix', () => top('app://balance-desk.evil/index.html'), false],
    ['look-alike host with a prefix', () => top('app://evil-balance-desk/index.html'), false],
    ['credentials in front of our host', () => top('app://balance-desk@evil/index.html'), false],
    ['our host as a username', () => top('app://evil@balance-desk/index.html'), false],
    ['an explicit port', () => top('app://balance-desk:8080/index.html'), false],
    ['another scheme, same host', () => top('https://balance-desk/index.html'), false],
    ['file://', () => top('file:///opt/BalanceDesk/resources/app.asar/out/renderer/index.html'), false],
    ['about:blank', () => top('about:blank'), false],
    ['data: URL', () => top('data:text/html,<p>hi</p>'), false],
    ['an empty url', () => top(''), false],
    ['a remote site', () => top('https://example.com/'), false],
  ])('%s → %s', (_name, frame, expected) => {
    expect(isTrustedSender(frame(), APP)).toBe(expected);
  });

  it('compares by parsed URL for the dev server too', () => {
    expect(isTrustedSender(top('http://localhost:5173/'), 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender(top('http://localhost:5174/'), 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender(top('http://localhost:5173.evil.com/'), 'http://localhost:5173')).toBe(false);
  });

  it('refuses everything when the expected origin itself is unparseable', () => {
    expect(isTrustedSender(top(`${APP}/index.html`), 'not a url')).toBe(false);
  });
});

describe('originOf', () => {
  it('gives app:// a real origin where URL.origin says "null"', () => {
    expect(new URL(`${APP}/index.html`).origin).toBe('null');
    expect(originOf(`${APP}/index.html`)).toBe(APP);
  });
});
