import { describe, expect, it } from 'vitest';
import { sessionProxyResolver } from './system-proxy';

describe('sessionProxyResolver', () => {
  it('asks the session for the gateway URL and passes the PAC-style answer on', async () => {
    const asked: string[] = [];
    const resolver = sessionProxyResolver({
      resolveProxy: async (url) => {
        asked.push(url);
        return 'PROXY proxy.corp:3128; DIRECT';
      },
    });
    expect(await resolver.resolve('https://eco.taobao.com/router/rest')).toBe(
      'PROXY proxy.corp:3128; DIRECT',
    );
    expect(asked).toEqual(['https://eco.taobao.com/router/rest']);
  });
});
