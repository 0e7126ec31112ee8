import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings-schema';
import { gatewayUrlFor } from './gateway';
import { openSettingsStore } from './settings-store';
import { toSettingsView } from './settings-view';
import type { Settings } from '../../ports';
import { manualClock, recordingLogger, useTempDirs } from '../../test-support/storage-helpers';

const tempDir = useTempDirs();
const configured = { appKey: '12345678', brandId: 'B1', shopId: 'S1' } as const;

async function readJson(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
}

describe('settings store: defaults and round trip', () => {
  it('starts from the defaults without a notice when there is no file', async () => {
    const dir = await tempDir();
    const store = await openSettingsStore({ dir });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.get()).toMatchObject({
      schemaVersion: 1,
      gatewayKind: 'production',
      signMethod: 'hmac-sha256',
      locale: 'zh-CN',
      amountUnit: 'fen',
      idleClearSeconds: 30,
      requestTimeoutMs: 8000,
      kiosk: false,
      startAtLogin: false,
      readToneVolume: 50,
      readFlash: true,
      scanner: {
        terminator: 'enter-or-tab',
        // This CRM's card ids are 16 or 18 digits: a 5-digit fragment is never a card.
        minLength: 16,
        maxLength: 20,
        maxAvgIntervalMs: 35,
        maxGapMs: 100,
        flushAfterMs: 120,
        stallWindowMs: 800,
        extractPattern: '',
      },
    });
    expect(store.notices()).toEqual([]);
    expect(store.isConfigured()).toBe(false);
    expect(await readdir(dir)).toEqual([]); // nothing written until something changes
  });

  it('writes settings.json, keeps the previous version as .bak, and reloads it', async () => {
    const dir = await tempDir();
    const store = await openSettingsStore({ dir });
    await store.update({ shopName: 'First' });
    await store.update({ shopName: 'Second', scanner: { minLength: 6 } });
    expect(await readJson(path.join(dir, 'settings.json'))).toMatchObject({
      schemaVersion: 1,
      shopName: 'Second',
    });
    expect(await readJson(path.join(dir, 'settings.json.bak'))).toMatchObject({ shopName: 'First' });
    const reopened = await openSettingsStore({ dir });
    expect(reopened.get().shopName).toBe('Second');
    expect(reopened.get().scanner).toEqual({ ...DEFAULT_SETTINGS.scanner, minLength: 6 });
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'settings.json.bak']); // no temp files left
  });

  it('is configured with gateway + app key + brand + shop', async () => {
    const store = await openSettingsStore({ dir: await tempDir() });
    await store.update({ appKey: '12345678', brandId: 'B1' });
    expect(store.isConfigured()).toBe(false);
    await store.update({ outShopId: 'OS1' });
    expect(store.isConfigured()).toBe(true);
    await store
      .update({ gatewayKind: 'custom', gatewayUrl: '' })
      .then((r) => expect(r).toEqual({ ok: false, fieldErrors: { gatewayUrl: 'required' } }));
    await store.update({ gatewayKind: 'custom', gatewayUrl: 'http://127.0.0.1:4000/router/rest' });
    expect(store.isConfigured()).toBe(true);
  });

  it('never writes a secret into settings.json (secrets in a patch are ignored)', async () => {
    const dir = await tempDir();
    const store = await openSettingsStore({ dir });
    const patch = { ...configured, appSecret: 'TOP-SECRET-abc', sessionKey: 'SESSION-xyz' };
    const result = await store.update(patch);
    expect(result.ok).toBe(true);
    const text = await readFile(path.join(dir, 'settings.json'), 'utf8');
    expect(text).not.toContain('TOP-SECRET');
    expect(text).not.toContain('SESSION-xyz');
    expect(Object.keys(store.get())).not.toContain('appSecret');
  });

  it('does not rewrite (or rotate .bak) when a patch changes nothing', async () => {
    const dir = await tempDir();
    const store = await openSettingsStore({ dir });
    await store.update({ shopName: 'A' });
    await store.update({ shopName: 'B' });
    await store.update({ shopName: 'B' });
    expect(await readJson(path.join(dir, 'settings.json.bak'))).toMatchObject({ shopName: 'A' });
  });

  it('notifies listeners after a successful write, not after a rejected one', async () => {
    const store = await openSettingsStore({ dir: await tempDir() });
    const seen: string[] = [];
    const off = store.onChange((s) => seen.push(s.shopName));
    await store.update({ shopName: 'One' });
    await store.update({ idleClearSeconds: 1 });
    off();
    await store.update({ shopName: 'Two' });
    expect(seen).toEqual(['One']);
  });

  it('serializes concurrent updates: every change lands, in call order', async () => {
    const dir = await tempDir();
    const store = await openSettingsStore({ dir });
    const results = await Promise.all([
      store.update({ shopName: 'A' }),
      store.update({ appKey: 'K1' }),
      store.update({ brandId: 'B1' }),
      store.update({ shopName: 'Z' }),
      store.update({ scanner: { prefix: '#' } }),
      store.update({ scanner: { suffix: '$' } }),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const expected = {
      shopName: 'Z',
      appKey: 'K1',
      brandId: 'B1',
      scanner: { ...DEFAULT_SETTINGS.scanner, prefix: '#', suffix: '$' },
    };
    expect(store.get()).toMatchObject(expected);
    expect((await openSettingsStore({ dir })).get()).toMatchObject(expected);
  });
});

describe('settings store: update validation', () => {
  const cases: [string, Record<string, unknown>, Record<string, string>][] = [
    ['custom gateway without URL', { gatewayKind: 'custom' }, { gatewayUrl: 'required' }],
    ['not a URL', { gatewayUrl: 'eco taobao' }, { gatewayUrl: 'invalid-url' }],
    ['ftp URL', { gatewayUrl: 'ftp://example.com/x' }, { gatewayUrl: 'invalid-url' }],
    ['credentials in URL', { gatewayUrl: 'https://u:p@example.com/' }, { gatewayUrl: 'invalid-url' }],
    ['http to a LAN host', { gatewayUrl: 'http://192.168.1.10/router/rest' }, { gatewayUrl: 'insecure-url' }],
    [
      'http to a public host',
      { gatewayUrl: 'http://gw.api.taobao.com/router/rest' },
      { gatewayUrl: 'insecure-url' },
    ],
    [
      'both brand ids',
      { brandId: 'B', outBrandId: 'OB' },
      { brandId: 'brand-both', outBrandId: 'brand-both' },
    ],
    ['both shop ids', { shopId: 'S', outShopId: 'OS' }, { shopId: 'shop-both', outShopId: 'shop-both' }],
    ['idle clear too short', { idleClearSeconds: 2 }, { idleClearSeconds: 'out-of-range' }],
    ['timeout too long', { requestTimeoutMs: 120_000 }, { requestTimeoutMs: 'out-of-range' }],
    ['timeout not an integer', { requestTimeoutMs: 1500.5 }, { requestTimeoutMs: 'invalid-value' }],
    ['scanner min too small', { scanner: { minLength: 0 } }, { 'scanner.minLength': 'out-of-range' }],
    [
      'scanner min > max',
      { scanner: { minLength: 20, maxLength: 10 } },
      { 'scanner.minLength': 'min-gt-max' },
    ],
    [
      'pattern does not compile',
      { scanner: { extractPattern: '(' } },
      { 'scanner.extractPattern': 'invalid-pattern' },
    ],
    [
      'pattern without a group',
      { scanner: { extractPattern: 'card=\\d+' } },
      { 'scanner.extractPattern': 'invalid-pattern' },
    ],
    [
      'pattern with two groups',
      { scanner: { extractPattern: '(a)(b)' } },
      { 'scanner.extractPattern': 'invalid-pattern' },
    ],
    ['unknown scanner key', { scanner: { beep: true } }, { 'scanner.beep': 'unknown-field' }],
    ['prefix too long', { scanner: { prefix: 'x'.repeat(17) } }, { 'scanner.prefix': 'too-long' }],
    ['id with a space', { shopId: 'S 1' }, { shopId: 'invalid-id' }],
    ['id too long', { brandId: 'b'.repeat(65) }, { brandId: 'too-long' }],
    ['out id with an inner space', { outShopId: '西湖 店' }, { outShopId: 'invalid-id' }],
    ['out id with a control character', { outBrandId: 'OB\u0007' }, { outBrandId: 'invalid-id' }],
    ['out id with a zero-width space inside', { outShopId: 'store\u200B42' }, { outShopId: 'invalid-id' }],
    ['out id over 128 characters', { outShopId: '店'.repeat(129) }, { outShopId: 'too-long' }],
    ['platform id is still ASCII only', { shopId: '西湖店-01' }, { shopId: 'invalid-id' }],
    ['bad enum', { locale: 'fr' }, { locale: 'invalid-value' }],
    ['bad type', { kiosk: 'yes' }, { kiosk: 'invalid-value' }],
    ['unknown key', { colour: 'red' }, { colour: 'unknown-field' }],
    ['schemaVersion is not a patch field', { schemaVersion: 2 }, { schemaVersion: 'unknown-field' }],
    [
      'several at once',
      { idleClearSeconds: 1, locale: 'xx', gatewayUrl: 'http://10.0.0.1/' },
      { idleClearSeconds: 'out-of-range', locale: 'invalid-value', gatewayUrl: 'insecure-url' },
    ],
  ];
  it.each(cases)('%s', async (_name, patch, fieldErrors) => {
    const dir = await tempDir();
    const store = await openSettingsStore({ dir });
    const result = await store.update(patch);
    expect(result).toEqual({ ok: false, fieldErrors });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(await readdir(dir)).toEqual([]);
  });

  const accepted: [string, Record<string, unknown>, Partial<Settings>][] = [
    [
      'https custom gateway',
      { gatewayKind: 'custom', gatewayUrl: 'https://relay.example.com/rest' },
      { gatewayUrl: 'https://relay.example.com/rest' },
    ],
    ['http to 127.0.0.1', { gatewayKind: 'custom', gatewayUrl: 'http://127.0.0.1:8080/router/rest' }, {}],
    ['http to 127.5.6.7', { gatewayKind: 'custom', gatewayUrl: 'http://127.5.6.7/' }, {}],
    ['http to localhost', { gatewayKind: 'custom', gatewayUrl: 'http://localhost:3000/rest' }, {}],
    ['http to [::1]', { gatewayKind: 'custom', gatewayUrl: 'http://[::1]:3000/rest' }, {}],
    ['switching brand id kind in one patch', { brandId: '', outBrandId: 'OB' }, { outBrandId: 'OB' }],
    [
      'ids trimmed and full-width folded',
      { shopId: ' １２３ ', shopName: ' 西湖店 ' },
      { shopId: '123', shopName: '西湖店' },
    ],
    ["a merchant's own Unicode out shop id", { outShopId: '西湖店-01' }, { outShopId: '西湖店-01' }],
    [
      'out ids trimmed (also of zero-width junk) but never folded',
      { outBrandId: '\u200B ＡＢ品牌１ \n' },
      { outBrandId: 'ＡＢ品牌１' },
    ],
    [
      'out id of 128 characters (counted in code points)',
      { outShopId: '𠀀'.repeat(128) },
      { outShopId: '𠀀'.repeat(128) },
    ],
    ['pattern with one group', { scanner: { extractPattern: '[?&]card=(\\d+)' } }, {}],
    ['named group', { scanner: { extractPattern: '(?<card>\\d{16})' } }, {}],
    ['non-capturing groups do not count', { scanner: { extractPattern: '(?:x|y)(\\d+)' } }, {}],
  ];
  it.each(accepted)('accepts %s', async (_name, patch, expected) => {
    const store = await openSettingsStore({ dir: await tempDir() });
    const result = await store.update(patch);
    expect(result.ok).toBe(true);
    expect(store.get()).toMatchObject(expected);
  });
});

describe('settings store: recovery', () => {
  async function storeWithHistory(dir: string): Promise<void> {
    const store = await openSettingsStore({ dir });
    await store.update({ ...configured, shopName: 'Older' });
    await store.update({ shopName: 'Newest' });
  }

  const corruptions: [string, (text: string) => string, RegExp][] = [
    ['bad JSON', () => '{ "schemaVersion": 1, shopName: oops }', /not valid JSON/],
    ['a truncated file', (text) => text.slice(0, text.length / 2), /truncated/],
    ['an empty file', () => '', /empty/],
    [
      'an invalid hand edit',
      (text) => text.replace('"idleClearSeconds": 30', '"idleClearSeconds": 2'),
      /idleClearSeconds: out-of-range/,
    ],
    [
      'an insecure gateway edit',
      (text) =>
        text
          .replace('"gatewayKind": "production"', '"gatewayKind": "custom"')
          .replace('"gatewayUrl": ""', '"gatewayUrl": "http://10.1.1.1/"'),
      /gatewayUrl: insecure-url/,
    ],
    [
      'a file from a newer version with a value this version rejects',
      (text) =>
        text
          .replace('"schemaVersion": 1', '"schemaVersion": 2')
          .replace('"idleClearSeconds": 30', '"idleClearSeconds": 2'),
      /idleClearSeconds: out-of-range/,
    ],
  ];
  it.each(corruptions)(
    'recovers from .bak after %s, keeps the broken file aside, says so',
    async (_name, damage, problem) => {
      const dir = await tempDir();
      await storeWithHistory(dir);
      const file = path.join(dir, 'settings.json');
      const broken = damage(await readFile(file, 'utf8'));
      await writeFile(file, broken);
      const clock = manualClock(new Date('2025-03-01T08:00:00.000Z'));
      const logger = recordingLogger();

      const store = await openSettingsStore({ dir, now: clock.now, logger });
      expect(store.get().shopName).toBe('Older');
      const [notice, ...others] = store.notices();
      expect(others).toEqual([]);
      expect(notice?.code).toBe('settings-recovered-from-backup');
      expect(notice?.detail).toMatch(problem);
      expect(notice?.detail).toContain('settings.json.corrupt-2025-03-01T08-00-00-000Z');
      expect(notice?.at).toBe('2025-03-01T08:00:00.000Z');
      expect(await readFile(path.join(dir, 'settings.json.corrupt-2025-03-01T08-00-00-000Z'), 'utf8')).toBe(
        broken,
      );
      expect(await readJson(file)).toMatchObject({ shopName: 'Older' }); // the good file is rewritten
      expect(await readJson(`${file}.bak`)).toMatchObject({ shopName: 'Older' });
      // The next start is clean.
      expect((await openSettingsStore({ dir })).notices()).toEqual([]);
    },
  );

  it('recovers from .bak when settings.json vanished', async () => {
    const dir = await tempDir();
    await storeWithHistory(dir);
    await rm(path.join(dir, 'settings.json'));
    const store = await openSettingsStore({ dir });
    expect(store.get().shopName).toBe('Older');
    expect(store.notices()[0]).toMatchObject({
      code: 'settings-recovered-from-backup',
      detail: expect.stringContaining('missing'),
    });
  });

  it('falls back to defaults with a notice when both files are unreadable, keeping both aside', async () => {
    const dir = await tempDir();
    await storeWithHistory(dir);
    await writeFile(path.join(dir, 'settings.json'), '{"schemaVersion":1,');
    await writeFile(path.join(dir, 'settings.json.bak'), 'garbage');
    const store = await openSettingsStore({
      dir,
      now: manualClock(new Date('2025-03-01T08:00:00.000Z')).now,
    });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.isConfigured()).toBe(false);
    expect(store.notices()).toEqual([
      {
        code: 'settings-reset-unreadable',
        detail: expect.stringMatching(
          /settings\.json: .*truncated.*settings\.json\.bak: not valid JSON.*default settings/,
        ),
        at: '2025-03-01T08:00:00.000Z',
      },
    ]);
    const names = (await readdir(dir)).sort();
    expect(names).toEqual([
      'settings.json.bak.corrupt-2025-03-01T08-00-00-000Z',
      'settings.json.corrupt-2025-03-01T08-00-00-000Z',
    ]);
  });

  it('does not use unknown keys of a hand-edited file but keeps them, says so, and fills missing keys', async () => {
    const dir = await tempDir();
    const logger = recordingLogger();
    await writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({
        schemaVersion: 1,
        appKey: 'K',
        shopID: 'typo',
        shopName: 'Hand',
        scanner: { minLength: 5, beep: true },
      }),
    );
    const store = await openSettingsStore({
      dir,
      logger,
      now: manualClock(new Date('2025-03-01T08:00:00.000Z')).now,
    });
    expect(store.get()).toEqual({
      ...DEFAULT_SETTINGS,
      appKey: 'K',
      shopName: 'Hand',
      scanner: { ...DEFAULT_SETTINGS.scanner, minLength: 5 },
    });
    expect(store.notices()).toEqual([
      {
        code: 'settings-unknown-fields-kept',
        detail: 'fields this version does not use are kept unchanged: shopID, scanner.beep',
        at: '2025-03-01T08:00:00.000Z',
      },
    ]);
    expect(logger.lines).toContainEqual({
      level: 'warn',
      message: 'settings: unknown fields kept',
      fields: { file: 'settings.json', keys: ['shopID', 'scanner.beep'], newerVersion: undefined },
    });
    await store.update({ shopName: 'Saved' });
    expect(await readJson(path.join(dir, 'settings.json'))).toMatchObject({
      schemaVersion: 1,
      shopName: 'Saved',
      shopID: 'typo',
      scanner: { minLength: 5, beep: true },
    });
  });

  it('removes temp files a crash left behind', async () => {
    const dir = await tempDir();
    await storeWithHistory(dir);
    await writeFile(path.join(dir, 'settings.json.1234-abcd.tmp'), '{"half');
    await openSettingsStore({ dir });
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'settings.json.bak']);
  });
});

describe('settings store: migration', () => {
  it('lifts the old default card-id limits 4–64 to the ones that fit this CRM, and keeps limits a manager chose', async () => {
    const withLimits = async (minLength: number, maxLength: number) => {
      const dir = await tempDir();
      const file = {
        ...DEFAULT_SETTINGS,
        ...configured,
        scanner: { ...DEFAULT_SETTINGS.scanner, minLength, maxLength },
      };
      await writeFile(path.join(dir, 'settings.json'), JSON.stringify(file));
      return (await openSettingsStore({ dir })).get().scanner;
    };
    // A 5-digit fragment of a stalled scan must not pass as a card on a terminal set up before.
    expect(await withLimits(4, 64)).toMatchObject({ minLength: 16, maxLength: 20 });
    expect(await withLimits(6, 30)).toMatchObject({ minLength: 6, maxLength: 30 });
    expect(await withLimits(4, 20)).toMatchObject({ minLength: 4, maxLength: 20 });
  });

  it('migrates a hand-made v0 file (unversioned pilot shape) and keeps the original as .bak', async () => {
    const dir = await tempDir();
    const v0 = {
      gateway: 'https://gw.api.tbsandbox.com/router/rest',
      appKey: '2300001',
      brandId: 'B9',
      outShopId: 'store-42',
      shopName: '旧店',
      language: 'zh',
      timeoutSeconds: 5,
      scannerMinLength: 8,
      scannerTerminator: 'enter',
      kiosk: true,
    };
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify(v0));
    const store = await openSettingsStore({ dir });
    expect(store.get()).toEqual({
      ...DEFAULT_SETTINGS,
      gatewayKind: 'sandbox',
      gatewayUrl: '',
      appKey: '2300001',
      brandId: 'B9',
      outShopId: 'store-42',
      shopName: '旧店',
      locale: 'zh-CN',
      requestTimeoutMs: 5000,
      scanner: { ...DEFAULT_SETTINGS.scanner, minLength: 8, terminator: 'enter' },
      kiosk: true,
    });
    expect(store.notices()).toEqual([]);
    expect(store.isConfigured()).toBe(true);
    expect(await readJson(path.join(dir, 'settings.json'))).toMatchObject({
      schemaVersion: 1,
      gatewayKind: 'sandbox',
    });
    expect(await readJson(path.join(dir, 'settings.json.bak'))).toEqual(v0);
  });

  it('migrates a v0 custom gateway and treats an invalid migrated value as corrupt', async () => {
    const dir = await tempDir();
    await writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({ gateway: 'https://relay.example.com/rest', language: 'en' }),
    );
    expect((await openSettingsStore({ dir })).get()).toMatchObject({
      gatewayKind: 'custom',
      gatewayUrl: 'https://relay.example.com/rest',
      locale: 'en',
    });

    const other = await tempDir();
    await writeFile(path.join(other, 'settings.json'), JSON.stringify({ gateway: 'http://10.0.0.5/rest' }));
    const store = await openSettingsStore({ dir: other });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.notices()[0]).toMatchObject({
      code: 'settings-reset-unreadable',
      detail: expect.stringContaining('gatewayUrl: insecure-url'),
    });
  });
});

describe('gateway and view', () => {
  it('resolves the gateway URL per kind', () => {
    expect(gatewayUrlFor({ gatewayKind: 'production', gatewayUrl: 'https://x/' })).toBe(
      'https://eco.taobao.com/router/rest',
    );
    expect(gatewayUrlFor({ gatewayKind: 'sandbox', gatewayUrl: '' })).toBe(
      'https://gw.api.tbsandbox.com/router/rest',
    );
    expect(gatewayUrlFor({ gatewayKind: 'custom', gatewayUrl: 'https://relay.example.com/' })).toBe(
      'https://relay.example.com/',
    );
  });

  it('builds a view with presence flags and no secret fields', () => {
    const view = toSettingsView(
      { ...DEFAULT_SETTINGS, appKey: 'K' },
      { hasAppSecret: true, hasSession: false, hasManagerPin: true },
    );
    expect(view).toMatchObject({
      appKey: 'K',
      hasAppSecret: true,
      hasSession: false,
      hasManagerPin: true,
      gatewayUrl: 'https://eco.taobao.com/router/rest',
    });
    expect(Object.keys(view)).not.toContain('appSecret');
    expect(Object.keys(view)).not.toContain('sessionKey');
  });
});

describe('settings store: rolling back one version', () => {
  /** What the next BalanceDesk might write: a higher schemaVersion and fields this version has never heard of. */
  const fromNewerBuild = {
    // Every field this build knows (with its defaults), then the newer build's own.
    ...DEFAULT_SETTINGS,
    schemaVersion: 2,
    gatewayKind: 'custom',
    gatewayUrl: 'https://relay.example.com/router/rest',
    appKey: '12345678',
    signMethod: 'hmac-sha256',
    brandId: 'B1',
    outBrandId: '',
    shopId: 'S1',
    outShopId: '',
    shopName: '西湖店',
    locale: 'zh-CN',
    amountUnit: 'fen',
    idleClearSeconds: 45,
    requestTimeoutMs: 8000,
    scanner: { ...DEFAULT_SETTINGS.scanner, minLength: 16, beepOnScan: true },
    kiosk: true,
    startAtLogin: false,
    insecureStorageAccepted: false,
    loyaltyTier: 'gold',
    receiptPrinter: { host: '10.0.0.9', port: 9100 },
  };

  it("reads a newer build's settings by the fields it knows, and keeps the rest and the version on write", async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'settings.json');
    await writeFile(file, JSON.stringify(fromNewerBuild, null, 2));
    const logger = recordingLogger();

    const store = await openSettingsStore({
      dir,
      logger,
      now: manualClock(new Date('2025-03-01T08:00:00.000Z')).now,
    });
    expect(store.isConfigured()).toBe(true);
    expect(store.get()).toMatchObject({
      schemaVersion: 1,
      gatewayKind: 'custom',
      gatewayUrl: 'https://relay.example.com/router/rest',
      shopName: '西湖店',
      idleClearSeconds: 45,
      kiosk: true,
      scanner: { minLength: 16 },
    });
    expect(store.get()).not.toHaveProperty('loyaltyTier');
    expect(store.notices()).toEqual([
      {
        code: 'settings-unknown-fields-kept',
        detail:
          'settings.json was written by a newer version (schemaVersion 2); fields this version does not use are kept unchanged: loyaltyTier, receiptPrinter, scanner.beepOnScan',
        at: '2025-03-01T08:00:00.000Z',
      },
    ]);
    // Not rewritten just for being opened: the newer build's file is left exactly as it was.
    expect(await readJson(file)).toEqual(fromNewerBuild);

    // A manager changes a field on the rolled-back build: the newer build's fields and version survive.
    expect(await store.update({ shopName: '西湖店 2' })).toMatchObject({ ok: true });
    expect(await readJson(file)).toEqual({ ...fromNewerBuild, shopName: '西湖店 2' });
    expect(await readJson(`${file}.bak`)).toEqual(fromNewerBuild);

    // And the next start of this build still reads it the same way.
    const again = await openSettingsStore({ dir });
    expect(again.get()).toMatchObject({ shopName: '西湖店 2', idleClearSeconds: 45 });
    expect(again.notices().map((n) => n.code)).toEqual(['settings-unknown-fields-kept']);
  });

  it('a newer file recovered from .bak keeps its fields too', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'settings.json');
    await writeFile(`${file}.bak`, JSON.stringify(fromNewerBuild));
    await writeFile(file, '{"schemaVersion": 2, "shopName": ');
    const store = await openSettingsStore({ dir });
    expect(store.get().shopName).toBe('西湖店');
    expect(store.notices().map((n) => n.code)).toEqual([
      'settings-recovered-from-backup',
      'settings-unknown-fields-kept',
    ]);
    await store.update({ kiosk: false });
    expect(await readJson(file)).toEqual({ ...fromNewerBuild, kiosk: false });
  });

  it('a key named __proto__ stays a plain key', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'settings.json');
    await writeFile(file, '{"schemaVersion": 1, "shopName": "P", "__proto__": {"kiosk": true}}');
    const store = await openSettingsStore({ dir });
    expect(store.get().kiosk).toBe(false);
    await store.update({ shopName: 'Q' });
    const text = await readFile(file, 'utf8');
    expect(text).toContain('"__proto__"');
    expect(({} as Record<string, unknown>)['kiosk']).toBeUndefined();
  });
});
