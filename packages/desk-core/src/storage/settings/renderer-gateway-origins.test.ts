import { gatewayOrigin } from '@balance-desk/contract';
import { describe, expect, it } from 'vitest';
import {
  GATEWAY_KIND_ORIGINS,
  originOf,
} from '../../../../../apps/desktop/src/renderer/features/settings/secret-binding';
import { PRODUCTION_GATEWAY_URL, SANDBOX_GATEWAY_URL } from '../index';

describe('the settings form knows where stored secrets may go', () => {
  it('its gateway-kind origins are the ones desk-core calls', () => {
    expect(GATEWAY_KIND_ORIGINS).toEqual({
      production: gatewayOrigin(PRODUCTION_GATEWAY_URL),
      sandbox: gatewayOrigin(SANDBOX_GATEWAY_URL),
    });
  });

  it.each([
    'HTTPS://Gw.Example.COM:443/router/rest',
    'https://gw.example.com:8443/x',
    'http://127.0.0.1:8080/router/rest',
    'http://[::1]:80/',
    'https://例子.测试/rest',
    'ftp://gw.example.com/',
    'not a url',
  ])('normalises %s exactly like desk-core', (url) => {
    expect(originOf(url)).toBe(gatewayOrigin(url));
  });
});
