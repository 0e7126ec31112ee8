import { rootCertificates } from 'node:tls';
import { createTestCa } from '@balance-desk/top-sandbox/test-pki';
import { describe, expect, it } from 'vitest';
import { envProxyResolver } from './env-proxy';
import { parseProxyAnswer } from './proxy-answer';
import { cachingProxyResolver } from './proxy-cache';
import { networkRoute } from './route';
import { checkCaCertificates, runtimeRoots, trustedRoots } from './trust';
import { checkProxyUrl } from '../storage/settings/gateway';

const ca = createTestCa({ commonName: 'Unit Test Root', organization: 'Tests' });
const GATEWAY = 'https://eco.taobao.com/router/rest';

describe('parseProxyAnswer (what session.resolveProxy returns)', () => {
  it.each([
    ['DIRECT', { kind: 'direct' }],
    ['', { kind: 'direct' }],
    ['PROXY proxy.corp:3128', { kind: 'proxy', url: 'http://proxy.corp:3128' }],
    ['PROXY Proxy.Corp:3128; DIRECT', { kind: 'proxy', url: 'http://proxy.corp:3128' }],
    ['HTTPS secure.corp:443;PROXY b:1', { kind: 'proxy', url: 'https://secure.corp:443' }],
    ['SOCKS5 s:1080; PROXY p:8080', { kind: 'proxy', url: 'http://p:8080' }],
    ['SOCKS5 s:1080', { kind: 'direct' }],
    ['PROXY [::1]:8080', { kind: 'proxy', url: 'http://[::1]:8080' }],
    ['PROXY nonsense; PROXY p:99999; DIRECT', { kind: 'direct' }],
    ['DIRECT; PROXY p:8080', { kind: 'direct' }],
  ])('%j', (answer, expected) => {
    expect(parseProxyAnswer(answer)).toEqual(expected);
  });
});

describe('envProxyResolver (web preview, tests)', () => {
  const env = {
    HTTPS_PROXY: 'http://user:pw@proxy.corp:3128',
    NO_PROXY: 'internal.corp, .lan,  example.org:8443',
  };
  it.each([
    [GATEWAY, 'PROXY proxy.corp:3128'],
    ['https://api.internal.corp/x', 'DIRECT'],
    ['https://internal.corp/x', 'DIRECT'],
    ['https://box.lan/x', 'DIRECT'],
    ['https://example.org:8443/x', 'DIRECT'],
    ['https://example.org/x', 'PROXY proxy.corp:3128'],
    ['https://127.0.0.1:9/x', 'DIRECT'],
    ['http://plain.example/x', 'DIRECT'],
    ['not a url', 'DIRECT'],
  ])('%s → %s (credentials in the variable are not used)', async (url, answer) => {
    expect(await envProxyResolver(env).resolve(url)).toBe(answer);
  });

  it('lower-case names, a bare host:port, NO_PROXY=*', async () => {
    expect(await envProxyResolver({ https_proxy: 'p.corp:8080' }).resolve(GATEWAY)).toBe('PROXY p.corp:8080');
    expect(await envProxyResolver({ HTTPS_PROXY: 'p:1', NO_PROXY: '*' }).resolve(GATEWAY)).toBe('DIRECT');
    expect(await envProxyResolver({}).resolve(GATEWAY)).toBe('DIRECT');
  });
});

describe('checkProxyUrl', () => {
  it.each([
    ['http://proxy.corp:3128', undefined],
    ['http://proxy.corp:3128/', undefined],
    ['https://proxy.corp', undefined],
    ['http://u:p@proxy.corp:3128', 'proxy-credentials-in-url'],
    ['http://proxy.corp:3128/proxy.pac', 'invalid-proxy-url'],
    ['socks5://proxy.corp:1080', 'invalid-proxy-url'],
    ['proxy.corp:3128', 'invalid-proxy-url'],
  ])('%s', (url, problem) => {
    expect(checkProxyUrl(url)).toBe(problem);
  });
});

describe('checkCaCertificates', () => {
  it('takes one or more CA certificates, with blank lines around', () => {
    const two = `\n${ca.cert}\n\n${createTestCa().cert}`;
    const checked = checkCaCertificates(two);
    expect(checked.ok && checked.certificates).toHaveLength(2);
  });

  it('refuses a private key, stray text, a damaged block, a leaf, an expired root', () => {
    expect(checkCaCertificates(ca.key)).toEqual({ ok: false, code: 'invalid-certificate', index: 0 });
    expect(checkCaCertificates(`${ca.cert}\n${ca.key}`)).toMatchObject({
      ok: false,
      code: 'invalid-certificate',
    });
    expect(checkCaCertificates(`hello\n${ca.cert}`)).toMatchObject({ ok: false, index: 0 });
    const damaged = ca.cert.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAA');
    expect(checkCaCertificates(damaged)).toEqual({ ok: false, code: 'invalid-certificate', index: 1 });
    expect(checkCaCertificates(`${ca.cert}${ca.issue(['a.test']).cert}`)).toEqual({
      ok: false,
      code: 'certificate-not-ca',
      index: 2,
    });
    const later = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    expect(checkCaCertificates(ca.cert, later)).toEqual({ ok: false, code: 'certificate-expired', index: 1 });
  });
});

describe('trusted roots', () => {
  it("the real runtime's set is built once per setting text, not on every lookup", () => {
    const first = trustedRoots(ca.cert);
    expect(first).toContain(ca.cert.trim());
    expect(trustedRoots(ca.cert)).toBe(first);
    expect(trustedRoots('')).not.toBe(first);
  });

  it('Node 20 has no OS store API: nothing extra means the default context', () => {
    const node20 = runtimeRoots({ rootCertificates });
    expect(node20).toEqual({ defaults: rootCertificates, system: [] });
    expect(trustedRoots('', node20)).toBeUndefined();
    expect(trustedRoots(ca.cert, node20)).toEqual([...rootCertificates, ca.cert.trim()]);
  });

  it('a runtime with getCACertificates (Electron 45) adds the OS store', () => {
    const osRoot = createTestCa({ commonName: 'OS Store Root' }).cert;
    const runtime = runtimeRoots({
      rootCertificates: [],
      getCACertificates: (type) => (type === 'system' ? [osRoot] : ['bundled']),
    });
    expect(trustedRoots('', runtime)).toEqual(['bundled', osRoot]);
    expect(trustedRoots(ca.cert, runtime)).toEqual(['bundled', osRoot, ca.cert.trim()]);
    const broken = runtimeRoots({
      rootCertificates: [],
      getCACertificates: (type) => {
        if (type === 'system') throw new Error('no store');
        return ['bundled'];
      },
    });
    expect(broken.system).toEqual([]);
  });
});

describe('networkRoute', () => {
  const roots = { defaults: ['bundled'], system: [] };
  const settings = { proxyUrl: '', caCertificates: '' };

  it('nothing configured, DIRECT: no route (the transport keeps its fast default)', async () => {
    expect(await networkRoute({ settings, gatewayUrl: GATEWAY, roots })).toBeUndefined();
  });

  it('a loopback gateway never goes through a proxy', async () => {
    const route = await networkRoute({
      settings: { ...settings, proxyUrl: 'http://p:1' },
      gatewayUrl: 'http://127.0.0.1:8787/router/rest',
      resolver: { resolve: async () => 'PROXY p:2' },
      roots,
    });
    expect(route).toBeUndefined();
  });

  it('the setting wins over the system; credentials apply; a failing resolver is DIRECT', async () => {
    const resolver = { resolve: async () => 'PROXY system:8080' };
    const set = await networkRoute({
      settings: { ...settings, proxyUrl: 'http://mine:3128' },
      gatewayUrl: GATEWAY,
      proxyCredentials: async () => ({ value: 'u:p:w', origin: 'http://mine:3128' }),
      resolver,
      roots,
    });
    expect(set?.proxy).toEqual({ url: 'http://mine:3128', username: 'u', password: 'p:w' });
    const system = await networkRoute({ settings, gatewayUrl: GATEWAY, resolver, roots });
    expect(system?.proxy).toEqual({ url: 'http://system:8080' });
    const failing = { resolve: () => Promise.reject(new Error('pac script error')) };
    expect(await networkRoute({ settings, gatewayUrl: GATEWAY, resolver: failing, roots })).toBeUndefined();
    expect(set?.key).not.toBe(system?.key);
  });

  it('credentials go only to the proxy origin they were entered for, set or resolved', async () => {
    const credentials = async () => ({ value: 'u:pw', origin: 'http://mine:3128' });
    const route = (proxyUrl: string, answer: string) =>
      networkRoute({
        settings: { ...settings, proxyUrl },
        gatewayUrl: GATEWAY,
        proxyCredentials: credentials,
        resolver: { resolve: async () => answer },
        roots,
      });
    expect((await route('http://other:3128', 'DIRECT'))?.proxy).toEqual({ url: 'http://other:3128' });
    expect((await route('http://mine:3129', 'DIRECT'))?.proxy).toEqual({ url: 'http://mine:3129' });
    expect((await route('', 'PROXY attacker:3128'))?.proxy).toEqual({ url: 'http://attacker:3128' });
    expect((await route('', 'HTTPS mine:3128'))?.proxy).toEqual({ url: 'https://mine:3128' });
    expect((await route('', 'PROXY MINE:3128'))?.proxy).toEqual({
      url: 'http://mine:3128',
      username: 'u',
      password: 'pw',
    });
    const unbound = await networkRoute({
      settings: { ...settings, proxyUrl: 'http://mine:3128' },
      gatewayUrl: GATEWAY,
      proxyCredentials: async () => ({ value: 'u:pw', origin: undefined }),
      roots,
    });
    expect(unbound?.proxy).toEqual({ url: 'http://mine:3128' });
  });

  it('proxy credentials without a colon are a user name with an empty password', async () => {
    const route = await networkRoute({
      settings: { ...settings, proxyUrl: 'http://mine:3128' },
      gatewayUrl: GATEWAY,
      proxyCredentials: async () => ({ value: 'alone', origin: 'http://mine:3128' }),
      roots,
    });
    expect(route?.proxy).toEqual({ url: 'http://mine:3128', username: 'alone', password: '' });
  });
});

describe('cachingProxyResolver', () => {
  it('reuses an answer per URL for the TTL; a failure is asked again', async () => {
    let clock = 0;
    let calls = 0;
    let fail = false;
    const cached = cachingProxyResolver(
      {
        resolve: async (url) => {
          calls += 1;
          if (fail) throw new Error('pac');
          return `PROXY p:${url.length}`;
        },
      },
      1000,
      () => clock,
    );
    await cached.resolve(GATEWAY);
    await cached.resolve(GATEWAY);
    expect(calls).toBe(1);
    await cached.resolve('https://other.example/x');
    expect(calls).toBe(2);
    clock = 1000;
    fail = true;
    await expect(cached.resolve(GATEWAY)).rejects.toThrow('pac');
    fail = false;
    expect(await cached.resolve(GATEWAY)).toBe(`PROXY p:${GATEWAY.length}`);
    expect(calls).toBe(4);
  });
});
