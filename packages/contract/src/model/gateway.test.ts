import { describe, expect, it } from 'vitest';
import { GATEWAY_URLS, gatewayOrigin } from './gateway';

describe('gatewayOrigin: the origin a stored secret belongs to', () => {
  it.each([
    ['HTTPS://Gw.Example.COM:443/router/rest', 'https://gw.example.com'],
    ['https://gw.example.com:8443/x', 'https://gw.example.com:8443'],
    ['http://127.0.0.1:8080/router/rest', 'http://127.0.0.1:8080'],
    ['http://[::1]:80/', 'http://[::1]'],
    ['https://例子.测试/rest', 'https://xn--fsqu00a.xn--0zwm56d'],
    ['ftp://gw.example.com/', undefined],
    ['not a url', undefined],
  ])('%s → %s', (url, origin) => expect(gatewayOrigin(url)).toBe(origin));

  it('names the TOP gateways behind the production and sandbox kinds', () => {
    expect(gatewayOrigin(GATEWAY_URLS.production)).toBe('https://eco.taobao.com');
    expect(gatewayOrigin(GATEWAY_URLS.sandbox)).toBe('https://gw.api.tbsandbox.com');
  });
});
