import { describe, expect, expectTypeOf, it } from 'vitest';
import * as deskCore from '../src/index';
import type { SecretCipher } from '../src/index';

describe('package root exports (for apps/desktop main)', () => {
  it('exports localDay, CONTENT_TYPES, contentTypeOf, resolveStaticFile and the shared helpers', () => {
    expect(deskCore.localDay(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
    expect(deskCore.CONTENT_TYPES['.html']).toBe('text/html; charset=utf-8');
    expect(deskCore.contentTypeOf('index.JS')).toBe('text/javascript; charset=utf-8');
    expect(typeof deskCore.resolveStaticFile).toBe('function');
    expect(deskCore.hostOf('https://user:pw@eco.taobao.com:8443/router/rest?x=1')).toBe(
      'eco.taobao.com:8443',
    );
    expect(deskCore.isPlainObject([])).toBe(false);
    expect(deskCore.noopLogger).toBeDefined();
  });

  it('exports the SecretCipher type', () => {
    expectTypeOf<SecretCipher['decrypt']>().returns.resolves.toEqualTypeOf<{
      value: string;
      shouldReEncrypt: boolean;
    }>();
  });
});
