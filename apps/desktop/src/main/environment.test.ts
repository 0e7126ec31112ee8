import { describe, expect, it } from 'vitest';
import { rendererEntry, wellKnownProvisionPaths } from './environment';

describe('rendererEntry', () => {
  it('always serves the bundled renderer over app:// when packaged', () => {
    const entry = rendererEntry(true, { ELECTRON_RENDERER_URL: 'http://localhost:5173/' });
    expect(entry).toEqual({
      url: 'app://balance-desk/index.html',
      origin: 'app://balance-desk',
      requestOrigins: ['app://balance-desk'],
    });
  });

  it('uses the loopback dev server only when unpackaged', () => {
    expect(rendererEntry(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toEqual({
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
      requestOrigins: ['http://localhost:5173', 'ws://localhost:5173', 'app://balance-desk'],
    });
    expect(rendererEntry(false, {}).url).toBe('app://balance-desk/index.html');
  });

  it.each([
    'https://example.com/',
    'http://192.168.1.20:5173/',
    'http://localhost.evil.com:5173/',
    'file:///tmp/index.html',
    'nonsense',
  ])('never loads %s', (url) => {
    expect(rendererEntry(false, { ELECTRON_RENDERER_URL: url }).url).toBe('app://balance-desk/index.html');
  });
});

describe('wellKnownProvisionPaths', () => {
  it('looks in userData first, then (Windows) in ProgramData, as docs/PROVISIONING.md says', () => {
    expect(
      wellKnownProvisionPaths(
        'win32',
        { ProgramData: 'D:\\ProgramData' },
        'C:\\Users\\pos\\AppData\\Roaming\\BalanceDesk',
      ),
    ).toEqual([
      'C:\\Users\\pos\\AppData\\Roaming\\BalanceDesk\\provision.json',
      'D:\\ProgramData\\BalanceDesk\\provision.json',
    ]);
    expect(wellKnownProvisionPaths('win32', {}, 'C:\\u')).toEqual([
      'C:\\u\\provision.json',
      'C:\\ProgramData\\BalanceDesk\\provision.json',
    ]);
    expect(
      wellKnownProvisionPaths('darwin', {}, '/Users/pos/Library/Application Support/BalanceDesk'),
    ).toEqual(['/Users/pos/Library/Application Support/BalanceDesk/provision.json']);
    expect(wellKnownProvisionPaths('linux', {}, '/home/pos/.config/BalanceDesk')).toEqual([
      '/home/pos/.config/BalanceDesk/provision.json',
    ]);
  });
});
