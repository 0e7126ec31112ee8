import { describe, expect, it } from 'vitest';
import { hostOf } from './host-of';

describe('hostOf', () => {
  it('keeps host and port, drops credentials, path and query', () => {
    expect(hostOf('https://user:pw@eco.taobao.com:8443/router/rest?x=1')).toBe('eco.taobao.com:8443');
  });

  it("answers '' for text that is not a URL", () => {
    expect(hostOf('not a url')).toBe('');
  });
});
