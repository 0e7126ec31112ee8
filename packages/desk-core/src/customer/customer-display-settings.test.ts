import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPinStore } from '../storage/pin/pin-store';
import { provisionFromFile } from '../storage/provisioning/provisioning';
import { applySettingsPatch } from '../storage/settings/settings-patch';
import { defaultSettings } from '../storage/settings/settings-schema';
import { openSettingsStore } from '../storage/settings/settings-store';
import { toSettingsView } from '../storage/settings/settings-view';
import { createDevCipher } from '../storage/vault/dev-cipher';
import { createCipherVault } from '../storage/vault/vault';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bd-customer-'));
  dirs.push(dir);
  return dir;
}

const presence = { hasAppSecret: false, hasSession: false, hasManagerPin: false };

function patch(value: unknown) {
  return applySettingsPatch(defaultSettings(), { customerDisplay: value });
}

describe('customerDisplay setting', () => {
  it('is off by default, on the display chosen automatically, cleared after 15 s, in Chinese', () => {
    expect(defaultSettings().customerDisplay).toEqual({
      enabled: false,
      displayId: null,
      showParts: false,
      clearAfterSeconds: 15,
      locale: 'zh-CN',
    });
    expect(toSettingsView(defaultSettings(), presence).customerDisplay).toEqual(
      defaultSettings().customerDisplay,
    );
  });

  it('takes a valid patch field by field and keeps the fields it does not name', () => {
    const result = patch({ enabled: true, displayId: 2528732444, locale: 'en' });
    expect(result).toEqual({
      ok: true,
      settings: expect.objectContaining({
        customerDisplay: {
          enabled: true,
          displayId: 2528732444,
          showParts: false,
          clearAfterSeconds: 15,
          locale: 'en',
        },
      }),
    });
    expect(patch({ displayId: null, showParts: true, clearAfterSeconds: 600 }).ok).toBe(true);
  });

  it.each([
    ['enabled', 'yes', 'invalid-value'],
    ['displayId', 1.5, 'invalid-value'],
    ['displayId', -1, 'out-of-range'],
    ['displayId', '1', 'invalid-value'],
    ['showParts', 1, 'invalid-value'],
    ['clearAfterSeconds', 2, 'out-of-range'],
    ['clearAfterSeconds', 601, 'out-of-range'],
    ['clearAfterSeconds', 7.5, 'invalid-value'],
    ['locale', 'fr', 'invalid-value'],
    ['colour', 'red', 'unknown-field'],
  ])('refuses %s = %j with the code %s, keyed by its path', (field, value, code) => {
    expect(patch({ [field]: value })).toEqual({
      ok: false,
      fieldErrors: { [`customerDisplay.${field}`]: code },
    });
  });

  it('refuses a customerDisplay that is not an object', () => {
    expect(patch('on')).toEqual({ ok: false, fieldErrors: { customerDisplay: 'invalid-value' } });
    expect(patch([true])).toEqual({ ok: false, fieldErrors: { customerDisplay: 'invalid-value' } });
  });

  it('is saved to settings.json and read back; a file missing some of its keys takes their defaults', async () => {
    const dir = await tempDir();
    const store = await openSettingsStore({ dir });
    await store.update({ customerDisplay: { enabled: true, displayId: 7, showParts: true } });
    const saved = JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8')) as {
      customerDisplay: unknown;
    };
    expect(saved.customerDisplay).toEqual({
      enabled: true,
      displayId: 7,
      showParts: true,
      clearAfterSeconds: 15,
      locale: 'zh-CN',
    });
    const reopened = await openSettingsStore({ dir });
    expect(reopened.get().customerDisplay).toMatchObject({ enabled: true, displayId: 7 });

    const other = await tempDir();
    await writeFile(
      path.join(other, 'settings.json'),
      JSON.stringify({ schemaVersion: 1, customerDisplay: { enabled: true, locale: 'en' } }),
    );
    const partial = await openSettingsStore({ dir: other });
    expect(partial.get().customerDisplay).toEqual({
      enabled: true,
      displayId: null,
      showParts: false,
      clearAfterSeconds: 15,
      locale: 'en',
    });
    expect(partial.notices()).toEqual([]);
  });
});

describe('customerDisplay in a provisioning file', () => {
  const base = {
    gatewayKind: 'sandbox',
    appKey: '12345678',
    appSecret: 'a1b2c3d4e5f6-APP-SECRET-7788',
    brandId: 'BRAND-1',
    shopId: 'SHOP-1',
    insecureStorageAccepted: true,
  };

  async function provision(extra: Record<string, unknown>) {
    const dir = await tempDir();
    const settings = await openSettingsStore({ dir });
    const vault = createCipherVault({
      file: path.join(dir, 'vault.json'),
      cipher: createDevCipher(path.join(dir, 'dev.key')),
      allowInsecure: () => settings.get().insecureStorageAccepted,
    });
    const pin = await openPinStore({ dir, cost: { N: 2 ** 10, r: 8, p: 1 } });
    const file = path.join(dir, 'provision.json');
    await writeFile(file, JSON.stringify({ ...base, ...extra }));
    const result = await provisionFromFile(file, { settings, vault, pin, now: () => new Date(0) });
    return { result, settings };
  }

  it('applies the fields it names', async () => {
    const { result, settings } = await provision({
      customerDisplay: { enabled: true, displayId: 3, clearAfterSeconds: 30, locale: 'en' },
    });
    expect(result).toMatchObject({ ok: true });
    expect(settings.get().customerDisplay).toEqual({
      enabled: true,
      displayId: 3,
      showParts: false,
      clearAfterSeconds: 30,
      locale: 'en',
    });
  });

  it.each([
    [{ clearAfterSeconds: 0 }, 'customerDisplay.clearAfterSeconds', 'must be at least 3'],
    [{ locale: 'de' }, 'customerDisplay.locale', 'must be one of "zh-CN", "en"'],
    [{ enabled: 'true' }, 'customerDisplay.enabled', 'must be true or false'],
    [{ displayID: 3 }, 'customerDisplay.displayID', 'is not a known field; did you mean "displayId"?'],
  ])('refuses %j with the path and a sentence for IT', async (value, errorPath, message) => {
    const { result, settings } = await provision({ customerDisplay: value });
    expect(result).toEqual({ ok: false, errors: [{ path: errorPath, message }] });
    expect(settings.get().customerDisplay.enabled).toBe(false);
  });
});
