import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTopTimestamp } from '@balance-desk/top-client';
import { DEFAULT_DATA, DEMO_BRAND_ID, DEMO_CARDS, DEMO_SHOP_ID, FAULT_CARDS } from './demo-data';
import { loadSandboxData, parseSandboxData, SandboxDataError, type SandboxData } from './data';
import { startSandbox } from './server';
import { postJson, signedParams } from './test-support/helpers';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'top-sandbox-data-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const account = {
  accountId: 'A-1',
  cardId: '5550001',
  customerId: 'CU-1',
  shopId: 'S-1',
  deleted: false,
  usable: 12345,
  real: 10000,
  realTotal: 20000,
  gift: 2345,
  giftTotal: 3000,
  preStored: 0,
  preStoredTotal: 0,
  createdAt: '2022-01-02 03:04:05',
  modifiedAt: '2024-06-07 08:09:10',
};
const custom: SandboxData = {
  brands: [{ brandId: 'B-1', outBrandId: 'OUT-B-1', name: 'Brand' }],
  shops: [{ shopId: 'S-1', outShopId: 'OUT-S-1', brandId: 'B-1', name: 'Shop' }],
  accounts: [account],
};

async function write(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function issuesOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SandboxDataError);
  return (error as SandboxDataError).issues.map((i) => `${i.path}: ${i.message}`);
}

describe('the built-in demo data', () => {
  it('is valid and holds the spec card table', () => {
    expect(parseSandboxData(DEFAULT_DATA)).toEqual(DEFAULT_DATA);
    expect({ ...DEMO_CARDS }).toEqual({
      seed: '111950000052400125',
      zero: '111950000052400200',
      deleted: '111950000052400301',
      giftOnly: '111950000052400402',
      large: '111950000052400503',
      multiA: '111950000052400604',
      multiB: '111950000052400605',
      twoAccounts: '111950000052400606',
      otherShop: '111950000052400707',
      preOnly: '111950000052400808',
      newAccount: '111950000052400909',
    });
    const seed: string = DEMO_CARDS.seed; // typed as a plain string, not string | undefined
    expect(DEFAULT_DATA.accounts.filter((a) => a.cardId === seed)).toHaveLength(1);
    for (const a of DEFAULT_DATA.accounts) {
      for (const amount of [
        a.usable,
        a.real,
        a.realTotal,
        a.gift,
        a.giftTotal,
        a.preStored,
        a.preStoredTotal,
      ]) {
        expect(Number.isSafeInteger(amount)).toBe(true);
      }
    }
    const recent = DEFAULT_DATA.accounts.find((a) => a.cardId === DEMO_CARDS.newAccount);
    const modified = parseTopTimestamp(recent?.modifiedAt ?? '');
    expect(Math.abs(Date.now() - (modified?.getTime() ?? 0))).toBeLessThan(24 * 3_600_000);
  });
});

describe('loadSandboxData', () => {
  it('loads a valid file, and a sandbox serves it (by id and by out ids)', async () => {
    const path = await write('valid.json', JSON.stringify(custom, null, 2));
    expect(await loadSandboxData(path)).toEqual(custom);
    const sandbox = await startSandbox({ data: path });
    try {
      const byIds = await postJson(
        sandbox.url,
        signedParams({ query: { brand_id: 'B-1', shop_id: 'S-1', card_id: '5550001' } }),
      );
      expect(byIds).toMatchObject({
        result: { biz_success: true, result: { account_id: 'A-1', usable_value: 12345 } },
      });
      const byOut = await postJson(
        sandbox.url,
        signedParams({ query: { out_brand_id: 'OUT-B-1', out_shop_id: 'OUT-S-1', customer_id: 'CU-1' } }),
      );
      expect(byOut).toMatchObject({ result: { result: { card_id: '5550001' } } });
      // The demo cards are not part of a custom data set; the fault cards still work.
      const demo = await postJson(
        sandbox.url,
        signedParams({ query: { brand_id: DEMO_BRAND_ID, shop_id: DEMO_SHOP_ID, card_id: DEMO_CARDS.seed } }),
      );
      expect(demo).toMatchObject({ result: { result_code: 'SHOP_NOT_FOUND' } });
      const fault = await postJson(
        sandbox.url,
        signedParams({ query: { brand_id: 'B-1', shop_id: 'S-1', card_id: FAULT_CARDS.rateLimited } }),
      );
      expect(fault).toMatchObject({ error_response: { code: 7 } });
    } finally {
      await sandbox.close();
    }
  });

  it('accepts a data object too, and validates it', async () => {
    const sandbox = await startSandbox({ data: custom });
    await sandbox.close();
    await expect(
      startSandbox({ data: { ...custom, accounts: [{ ...account, usable: 1.5 }] } }),
    ).rejects.toBeInstanceOf(SandboxDataError);
  });

  it('reports every bad field with its path', async () => {
    const bad = {
      brands: [{ brandId: 'B-1' }, { brandId: 'B-1' }],
      shops: [{ shopId: 'S-1', brandId: 'B-1', name: 'Shop' }],
      accounts: [
        { ...account, usable: 12.5, realTotal: '20000', createdAt: '2022/01/02', extra: true },
        { ...account, accountId: '', deleted: 'no' },
      ],
    };
    const issues = await issuesOf(loadSandboxData(await write('bad.json', JSON.stringify(bad))));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^accounts\[0\]\.usable: must be an integer amount in fen/),
        expect.stringMatching(/^accounts\[0\]\.realTotal: must be an integer amount in fen/),
        expect.stringMatching(/^accounts\[0\]\.createdAt: must be a date "yyyy-MM-dd HH:mm:ss"/),
        expect.stringMatching(/^accounts\[0\]: .*extra/),
        expect.stringMatching(/^accounts\[1\]\.accountId: must be a non-empty string/),
        expect.stringMatching(/^accounts\[1\]\.deleted: must be true or false/),
      ]),
    );
    const missing = await issuesOf(
      loadSandboxData(
        await write('missing.json', JSON.stringify({ brands: [], shops: [], accounts: [{ cardId: 'x' }] })),
      ),
    );
    expect(missing).toContain('accounts[0].accountId: required (a string)');
    expect(missing).toContain('accounts[0].usable: required (an integer amount in fen, no decimals)');
  });

  it('checks references, duplicates and reserved fault card ids', async () => {
    const bad = {
      brands: [{ brandId: 'B-1' }, { brandId: 'B-1' }],
      shops: [{ shopId: 'S-1', brandId: 'B-9', name: 'Shop' }],
      accounts: [
        { ...account, shopId: 'S-9' },
        { ...account, cardId: FAULT_CARDS.slow },
      ],
    };
    const issues = await issuesOf(loadSandboxData(await write('refs.json', JSON.stringify(bad))));
    expect(issues).toEqual([
      'brands[1].brandId: duplicate brandId "B-1" (also brands[0])',
      'accounts[1].accountId: duplicate accountId "A-1" (also accounts[0])',
      'shops[0].brandId: unknown brand "B-9" (not in brands)',
      'accounts[0].shopId: unknown shop "S-9" (not in shops)',
      `accounts[1].cardId: card id ${FAULT_CARDS.slow} is reserved for fault injection`,
    ]);
  });

  it('names an unreadable or non-JSON file in the error', async () => {
    const notJson = await write('not.json', '{ brands: [');
    await expect(loadSandboxData(notJson)).rejects.toThrow(/not\.json[\s\S]*not valid JSON/);
    await expect(loadSandboxData(join(dir, 'absent.json'))).rejects.toThrow(/absent\.json[\s\S]*ENOENT/);
  });
});
