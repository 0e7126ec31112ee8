import { describe, expect, it } from 'vitest';
import { settingsView } from '../../test/fake-bridge';
import { draftFromView, fieldErrorsFromIssues, patchFromDraft } from './settings-draft';

describe('settings draft', () => {
  const view = settingsView();

  it('an untouched draft is an empty patch', () => {
    expect(patchFromDraft(draftFromView(view), view)).toEqual({ patch: {}, errors: {} });
  });

  it('sends only what changed, numbers as numbers, scanner fields nested', () => {
    const draft = draftFromView(view);
    draft.values.shopName = 'Shop 2';
    draft.values.idleClearSeconds = ' 5 ';
    draft.values['scanner.maxGapMs'] = '150';
    draft.values['scanner.terminator'] = 'tab';
    draft.values.locale = 'en';
    draft.flags.kiosk = true;
    expect(patchFromDraft(draft, view)).toEqual({
      patch: {
        shopName: 'Shop 2',
        idleClearSeconds: 5,
        scanner: { maxGapMs: 150, terminator: 'tab' },
        locale: 'en',
        kiosk: true,
      },
      errors: {},
    });
  });

  it('customer display: its fields nested, "automatic" as null, numbers checked like the others', () => {
    const draft = draftFromView(view);
    expect(draft.values['customerDisplay.displayId']).toBe('');
    draft.flags['customerDisplay.enabled'] = true;
    draft.values['customerDisplay.displayId'] = '2528732444';
    draft.values['customerDisplay.locale'] = 'en';
    draft.values['customerDisplay.clearAfterSeconds'] = '30';
    expect(patchFromDraft(draft, view)).toEqual({
      patch: {
        customerDisplay: { enabled: true, displayId: 2528732444, clearAfterSeconds: 30, locale: 'en' },
      },
      errors: {},
    });
    const chosen = settingsView({ customerDisplay: { ...view.customerDisplay, displayId: 7 } });
    const back = draftFromView(chosen);
    back.values['customerDisplay.displayId'] = '';
    back.values['customerDisplay.clearAfterSeconds'] = 'soon';
    expect(patchFromDraft(back, chosen)).toEqual({
      patch: { customerDisplay: { displayId: null } },
      errors: { 'customerDisplay.clearAfterSeconds': 'not-an-integer' },
    });
    expect(
      fieldErrorsFromIssues([{ path: 'patch.customerDisplay.clearAfterSeconds', code: 'out-of-range' }]),
    ).toEqual({
      'customerDisplay.clearAfterSeconds': 'out-of-range',
    });
  });

  it('store network: proxy and roots as text, proxy credentials write-only like the secrets', () => {
    const draft = draftFromView(settingsView({ hasProxyCredentials: true }));
    draft.values.proxyUrl = 'http://proxy.corp:3128';
    draft.values.caCertificates = '-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----';
    expect(draft.secrets.proxyCredentials).toEqual({ kind: 'keep' });
    draft.secrets.proxyCredentials = { kind: 'set', value: 'store:pw' };
    expect(patchFromDraft(draft, view).patch).toEqual({
      proxyUrl: 'http://proxy.corp:3128',
      caCertificates: '-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----',
      proxyCredentials: 'store:pw',
    });
    draft.secrets.proxyCredentials = { kind: 'clear' };
    expect(patchFromDraft(draft, view).patch.proxyCredentials).toBeNull();
  });

  it('reports text that is not a whole number per field (the typed text stays in the draft)', () => {
    const draft = draftFromView(view);
    draft.values.idleClearSeconds = '5.5';
    draft.values['scanner.minLength'] = 'abc';
    const { errors } = patchFromDraft(draft, view);
    expect(errors).toEqual({ idleClearSeconds: 'not-an-integer', 'scanner.minLength': 'not-an-integer' });
    expect(draft.values.idleClearSeconds).toBe('5.5');
  });

  it('secrets are write-only: set sends the value, clear sends null, keep sends nothing', () => {
    const draft = draftFromView(view);
    draft.secrets.appSecret = { kind: 'set', value: 's3cret' };
    draft.secrets.sessionKey = { kind: 'clear' };
    expect(patchFromDraft(draft, view).patch).toEqual({ appSecret: 's3cret', sessionKey: null });
  });

  it('shows the IPC edge’s refusals inside the patch at their fields', () => {
    expect(
      fieldErrorsFromIssues([
        { path: 'patch.idleClearSeconds', code: 'out-of-range' },
        { path: 'patch.scanner.maxGapMs', code: 'out-of-range' },
        { path: 'patch.shopName', code: 'too-long' },
        { path: 'patch.locale', code: 'invalid-value' },
        { path: 'managerToken', code: 'too-long' },
      ]),
    ).toEqual({
      idleClearSeconds: 'out-of-range',
      'scanner.maxGapMs': 'out-of-range',
      shopName: 'too-long',
      locale: 'invalid-value',
    });
  });
});
