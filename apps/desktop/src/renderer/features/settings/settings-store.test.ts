import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BalanceDeskApi } from '@balance-desk/contract';
import { deferred, installFakeBridge, reply, settingsView, type FakeBridge } from '../../test/fake-bridge';
import { resetStores } from '../../test/reset';
import { useSettingsStore } from './settings-store';

const store = () => useSettingsStore.getState();
let bridge: FakeBridge;

async function signIn(): Promise<void> {
  await store().load();
  store().open();
  await store().submitPin('739164');
  expect(store().stage).toBe('form');
}

beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
});
afterEach(resetStores);

describe('settings store: the manager PIN', () => {
  it('a wrong PIN says how many attempts are left; a locked one for how long', async () => {
    bridge.verifyPin.mockReturnValueOnce(reply({ kind: 'wrong-pin' as const, attemptsLeft: 2 }));
    await store().load();
    store().open();
    expect(store().stage).toBe('pin');
    await store().submitPin('1111');
    expect(store().pinMessage).toEqual({ kind: 'wrong', attemptsLeft: 2 });
    bridge.verifyPin.mockReturnValueOnce(reply({ kind: 'locked' as const, retryAfterMs: 60_000 }));
    await store().submitPin('2222');
    expect(store().pinMessage).toMatchObject({ kind: 'locked' });
    await store().submitPin('739164'); // refused locally while locked
    expect(bridge.verifyPin).toHaveBeenCalledTimes(2);
    expect(store().stage).toBe('pin');
  });

  it('without a PIN, opening asks to set one first, then signs in with it', async () => {
    bridge.getSettings.mockReturnValue(reply(settingsView({ hasManagerPin: false })));
    await store().load();
    store().open();
    expect(store().stage).toBe('set-pin');
    await store().submitNewPin('7391', '7392');
    expect(store().pinMessage).toEqual({ kind: 'mismatch' });
    await store().submitNewPin('12', '12');
    expect(store().pinMessage).toEqual({ kind: 'format' });
    bridge.setPin.mockReturnValueOnce(reply({ kind: 'weak-pin' as const }));
    await store().submitNewPin('1234', '1234');
    expect(store().pinMessage).toEqual({ kind: 'weak' });
    await store().submitNewPin('739164', '739164');
    expect(bridge.setPin).toHaveBeenLastCalledWith({ newPin: '739164' });
    expect(bridge.verifyPin).toHaveBeenCalledWith({ pin: '739164' });
    expect(store().stage).toBe('form');
  });

  it('a first PIN that lost the race to another one asks for the PIN that was set', async () => {
    bridge.getSettings.mockReturnValue(reply(settingsView({ hasManagerPin: false })));
    await store().load();
    store().open();
    bridge.setPin.mockReturnValueOnce(reply({ kind: 'already-set' as const }));
    await store().submitNewPin('739164', '739164');
    expect(store().stage).toBe('pin');
    expect(store().pinMessage).toEqual({ kind: 'already-set' });
    expect(bridge.verifyPin).not.toHaveBeenCalled();
  });

  it('a first PIN refused because one was set just before (unauthorized) also asks for that PIN', async () => {
    bridge.getSettings.mockReturnValue(reply(settingsView({ hasManagerPin: false })));
    await store().load();
    store().open();
    bridge.setPin.mockReturnValueOnce(reply({ kind: 'unauthorized' as const }));
    await store().submitNewPin('739164', '739164');
    expect(store().stage).toBe('pin');
    expect(store().pinMessage).toEqual({ kind: 'already-set' });
  });

  it('pin:verify answering not-set switches to setting a PIN', async () => {
    bridge.verifyPin.mockReturnValueOnce(reply({ kind: 'not-set' as const }));
    await store().load();
    store().open();
    await store().submitPin('739164');
    expect(store().stage).toBe('set-pin');
  });
});

describe('settings store: the form', () => {
  it('a field that is not a number keeps the typed text and says so, without calling main', async () => {
    await signIn();
    store().setValue('idleClearSeconds', 'five');
    await store().save();
    expect(store().fieldErrors).toEqual({ idleClearSeconds: 'not-an-integer' });
    expect(store().draft?.values.idleClearSeconds).toBe('five');
    expect(bridge.updateSettings).not.toHaveBeenCalled();
  });

  it('shows main’s fieldErrors and keeps every typed value', async () => {
    await signIn();
    bridge.updateSettings.mockReturnValueOnce(
      reply({
        kind: 'invalid' as const,
        fieldErrors: { 'scanner.minLength': 'min-gt-max' },
      }),
    );
    store().setValue('scanner.minLength', '80');
    store().setValue('shopName', 'Typed name');
    await store().save();
    expect(bridge.updateSettings).toHaveBeenCalledWith({
      managerToken: 'token-0123456789abcdef',
      patch: { shopName: 'Typed name', scanner: { minLength: 80 } },
    });
    expect(store().saveState).toBe('invalid');
    expect(store().fieldErrors).toEqual({ 'scanner.minLength': 'min-gt-max' });
    expect(store().draft?.values['scanner.minLength']).toBe('80');
    expect(store().draft?.values.shopName).toBe('Typed name');
  });

  it('saves and takes the new view (the scanner and the locale follow it)', async () => {
    await signIn();
    bridge.updateSettings.mockReturnValueOnce(
      reply({ kind: 'ok' as const, settings: settingsView({ locale: 'en' }) }),
    );
    store().setValue('locale', 'en');
    await store().save();
    expect(store().saveState).toBe('saved');
    expect(store().view?.locale).toBe('en');
  });

  it('an expired manager session goes back to the PIN and keeps the draft', async () => {
    await signIn();
    bridge.updateSettings.mockReturnValueOnce(reply({ kind: 'unauthorized' as const }));
    store().setValue('shopName', 'Keep me');
    await store().save();
    expect(store().stage).toBe('pin');
    expect(store().pinMessage).toEqual({ kind: 'unauthorized' });
    await store().submitPin('739164');
    expect(store().stage).toBe('form');
    expect(store().draft?.values.shopName).toBe('Keep me');
  });

  it('tests the connection with the draft and shows the verdict', async () => {
    await signIn();
    bridge.testConnection.mockReturnValueOnce(
      reply({
        kind: 'tested' as const,
        verdict: 'bad-signature' as const,
        detail: { code: 25 },
        latencyMs: 30,
        gatewayHost: 'gw',
      }),
    );
    store().setSecret('appSecret', { kind: 'set', value: 'new-secret' });
    await store().testConnection();
    expect(bridge.testConnection).toHaveBeenCalledWith({
      managerToken: 'token-0123456789abcdef',
      draft: { appSecret: 'new-secret' },
    });
    expect(store().connection).toMatchObject({ state: 'done', verdict: { verdict: 'bad-signature' } });
  });

  it('leaves kiosk mode with the manager session; closing forgets the session', async () => {
    await signIn();
    await store().exitKiosk();
    expect(bridge.exitKiosk).toHaveBeenCalledWith({ managerToken: 'token-0123456789abcdef' });
    expect(store().kioskExit).toBe('done');
    store().close();
    store().open();
    expect(store().stage).toBe('pin');
  });
});

describe('settings store: nothing typed is lost', () => {
  it('Cancel (or Esc) while changing the PIN goes back to the form with the draft and the session', async () => {
    await signIn();
    store().setValue('shopName', 'Typed name');
    store().startChangePin();
    expect(store().stage).toBe('set-pin');
    store().close();
    expect(store().stage).toBe('form');
    expect(store().draft?.values.shopName).toBe('Typed name');
    await store().save();
    expect(bridge.updateSettings).toHaveBeenCalledWith({
      managerToken: 'token-0123456789abcdef',
      patch: { shopName: 'Typed name' },
    });
  });

  it('a changed PIN says so on the form', async () => {
    await signIn();
    store().startChangePin();
    await store().submitNewPin('739165', '739165');
    expect(store().stage).toBe('form');
    expect(store().pinMessage).toEqual({ kind: 'pin-set' });
  });

  it('typing during a save keeps Save disabled, and the answer keeps what was typed meanwhile', async () => {
    await signIn();
    const answer = deferred<Awaited<ReturnType<BalanceDeskApi['updateSettings']>>>();
    bridge.updateSettings.mockReturnValueOnce(answer.promise);
    store().setValue('shopName', 'Saved name');
    const saving = store().save();
    expect(store().saveState).toBe('saving');
    store().setValue('appKey', 'typed-while-saving');
    store().setFlag('kiosk', true);
    expect(store().saveState).toBe('saving');
    await store().save(); // a second click does nothing while saving
    expect(bridge.updateSettings).toHaveBeenCalledTimes(1);
    answer.resolve({
      ok: true,
      value: {
        kind: 'ok' as const,
        settings: settingsView({ shopName: 'Saved name', idleClearSeconds: 45 }),
      },
    });
    await saving;
    expect(store().saveState).toBe('saved');
    const draft = store().draft;
    expect(draft?.values.shopName).toBe('Saved name');
    expect(draft?.values.idleClearSeconds).toBe('45'); // not edited meanwhile: the server's value
    expect(draft?.values.appKey).toBe('typed-while-saving');
    expect(draft?.flags.kiosk).toBe(true);
  });
});
