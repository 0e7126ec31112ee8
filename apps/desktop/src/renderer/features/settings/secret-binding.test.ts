import { describe, expect, it } from 'vitest';
import { settingsView } from '../../test/fake-bridge';
import { secretElsewhere } from './secret-binding';
import { draftFromView } from './settings-draft';

describe('the note beside a stored secret that belongs to another gateway', () => {
  const view = settingsView({
    gatewayKind: 'custom',
    gatewayUrl: 'https://crm.example.com/router/rest',
    hasAppSecret: true,
    appSecretOrigin: 'https://crm.example.com',
    hasSession: true,
    sessionKeyOrigin: 'https://crm.example.com',
  });

  it('says nothing while the form calls the gateway the secret belongs to', () => {
    const draft = draftFromView(view);
    expect(secretElsewhere('appSecret', draft, view)).toBeUndefined();
    draft.values.gatewayUrl = 'https://CRM.example.com:443/other/path';
    expect(secretElsewhere('appSecret', draft, view)).toBeUndefined();
  });

  it('names the origin the secret belongs to when the form points elsewhere, until it is typed again', () => {
    const draft = draftFromView(view);
    draft.values.gatewayUrl = 'https://crm.example.com:8443/router/rest';
    expect(secretElsewhere('appSecret', draft, view)).toBe('https://crm.example.com');
    expect(secretElsewhere('sessionKey', draft, view)).toBe('https://crm.example.com');
    draft.values.gatewayKind = 'production';
    expect(secretElsewhere('appSecret', draft, view)).toBe('https://crm.example.com');
    draft.secrets.appSecret = { kind: 'set', value: 'typed-again' };
    draft.secrets.sessionKey = { kind: 'clear' };
    expect(secretElsewhere('appSecret', draft, view)).toBeUndefined();
    expect(secretElsewhere('sessionKey', draft, view)).toBeUndefined();
  });

  it('a stored secret bound to no gateway always needs entering again; no secret, no note', () => {
    const unbound = settingsView({ hasAppSecret: true });
    expect(secretElsewhere('appSecret', draftFromView(unbound), unbound)).toBe('');
    const none = settingsView({ hasAppSecret: false });
    expect(secretElsewhere('appSecret', draftFromView(none), none)).toBeUndefined();
  });

  it('proxy credentials: compared with the proxy field, not the gateway or the session key', () => {
    const proxied = settingsView({
      proxyUrl: 'http://proxy.store.example:3128',
      hasProxyCredentials: true,
      proxyCredentialsOrigin: 'http://proxy.store.example:3128',
      hasSession: true,
      sessionKeyOrigin: 'https://elsewhere.example.com',
    });
    const draft = draftFromView(proxied);
    expect(secretElsewhere('proxyCredentials', draft, proxied)).toBeUndefined();
    draft.values.gatewayUrl = 'https://crm.example.com:8443/router/rest';
    expect(secretElsewhere('proxyCredentials', draft, proxied)).toBeUndefined();
    draft.values.proxyUrl = 'http://attacker.example:3128';
    expect(secretElsewhere('proxyCredentials', draft, proxied)).toBe('http://proxy.store.example:3128');
    draft.values.proxyUrl = '';
    expect(secretElsewhere('proxyCredentials', draft, proxied)).toBe('http://proxy.store.example:3128');
    draft.secrets.proxyCredentials = { kind: 'set', value: 'u:p' };
    expect(secretElsewhere('proxyCredentials', draft, proxied)).toBeUndefined();
    const unbound = settingsView({ hasProxyCredentials: true });
    expect(secretElsewhere('proxyCredentials', draftFromView(unbound), unbound)).toBe('');
    const none = settingsView({ hasSession: true });
    expect(secretElsewhere('proxyCredentials', draftFromView(none), none)).toBeUndefined();
  });
});
