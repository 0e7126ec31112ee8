import { channels, type ManagerEvent } from '@balance-desk/contract';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { faultyFs, WRITE_FAULT_CODES, type WriteFaultCode } from '../storage/files/fs-port';
import { managerToken, startDesk, type DeskFixture } from '../test-support/desk-fixture';

/**
 * A manager's save that touches settings.json and two secrets in vault.json, failed at each of its
 * writes in turn with each disk error: afterwards the files hold the old configuration or the new
 * one, never a mix, and the audit trail says which.
 */
const PIN = '8642097531';
const OLD = {
  gatewayKind: 'custom' as const,
  gatewayUrl: 'http://127.0.0.1:9/router/rest',
  appKey: 'old-app-key',
  brandId: '3724809629',
  shopId: '3724809631',
  shopName: '旧店',
  insecureStorageAccepted: true,
};
const OLD_SECRETS = { appSecret: 'old-secret-0a1b2c3d4e5f', sessionKey: 'old-session-0a1b2c3d' };
/** New gateway, app key and both secrets: the half-applied mix this must never leave is a new gateway with an old secret. */
const NEW = {
  gatewayUrl: 'http://127.0.0.1:10/router/rest',
  appKey: 'new-app-key',
  shopName: '新店',
  appSecret: 'new-secret-9f8e7d6c5b4a',
  sessionKey: 'new-session-9f8e7d6c',
};
const FILES = ['settings.json', 'settings.json.bak', 'vault.json'] as const;

let fx: DeskFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

async function files(dir: string): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const name of FILES) out[name] = await readFile(path.join(dir, name), 'utf8').catch(() => null);
  return out;
}

/** A configured desk whose file port fails the writes `fail` picks once armed (n counts from the arming). */
async function oldDesk(fail: (n: number) => WriteFaultCode | undefined) {
  let armed = false;
  let n = 0;
  fx = await startDesk({ demo: false, fs: faultyFs(() => (armed ? fail(++n) : undefined)) });
  const { desk } = fx;
  await desk.call('pin:set', { newPin: PIN });
  const token = await managerToken(desk, PIN);
  const setUp = await desk.call('settings:update', {
    managerToken: token,
    patch: { ...OLD, ...OLD_SECRETS },
  });
  if (setUp.kind !== 'ok') throw new Error(`setup: ${JSON.stringify(setUp)}`);
  // A second save, so settings.json.bak exists and its rotation is part of what must be undone.
  await desk.call('settings:update', { managerToken: token, patch: { shopName: OLD.shopName } });
  const before = await files(fx.dir);
  armed = true;
  return { desk, token, before, writes: () => n, dir: fx.dir };
}

async function lastAudit(fixture: Awaited<ReturnType<typeof oldDesk>>): Promise<ManagerEvent | undefined> {
  const events = await fixture.desk.call('audit:recent', { managerToken: fixture.token });
  if (events.kind !== 'ok') throw new Error('audit:recent failed');
  return events.events[0];
}

async function secrets(fixture: Awaited<ReturnType<typeof oldDesk>>) {
  const view = await fixture.desk.call('settings:get', {});
  return { appKey: view.appKey, gatewayUrl: view.gatewayUrl, origin: view.appSecretOrigin };
}

/** How many writes a clean save of NEW makes. */
async function writesOfASave(): Promise<number> {
  const clean = await oldDesk(() => undefined);
  const answer = await clean.desk.call('settings:update', { managerToken: clean.token, patch: NEW });
  expect(answer.kind).toBe('ok');
  const count = clean.writes();
  await fx?.close();
  fx = undefined;
  return count;
}

describe('a settings save is all or nothing', () => {
  it('a clean save writes everything new, and is audited ok', async () => {
    const t = await oldDesk(() => undefined);
    const answer = await t.desk.call('settings:update', { managerToken: t.token, patch: NEW });
    expect(answer.kind).toBe('ok');
    const after = await files(t.dir);
    expect(after['settings.json']).toContain(NEW.appKey);
    expect(after['vault.json']).not.toBe(t.before['vault.json']);
    expect(await secrets(t)).toEqual({
      appKey: NEW.appKey,
      gatewayUrl: NEW.gatewayUrl,
      origin: 'http://127.0.0.1:10',
    });
    expect(await lastAudit(t)).toMatchObject({ event: 'settings-change', outcome: 'ok' });
  });

  it('fails at each write with each disk error: every file as before, answered failed/disk, audited with the errno', async () => {
    const total = await writesOfASave();
    // settings.json.bak and settings.json, then vault.json twice (with its folder).
    expect(total).toBeGreaterThanOrEqual(4);
    for (const code of WRITE_FAULT_CODES) {
      for (let k = 1; k <= total; k++) {
        const t = await oldDesk((n) => (n === k ? code : undefined));
        const answer = await t.desk.call('settings:update', { managerToken: t.token, patch: NEW });
        const where = `${code} at write ${k} of ${total}`;
        expect(answer, where).toEqual({ kind: 'failed', reason: 'disk', code });
        expect(channels['settings:update'].response.safeParse(answer).success, where).toBe(true);
        expect(await files(t.dir), where).toEqual(t.before);
        expect(await secrets(t), where).toEqual({
          appKey: OLD.appKey,
          gatewayUrl: OLD.gatewayUrl,
          origin: 'http://127.0.0.1:9',
        });
        expect(await t.desk.call('settings:get', {}), where).toMatchObject({
          hasAppSecret: true,
          hasSession: true,
        });
        expect(await lastAudit(t), where).toMatchObject({
          event: 'settings-change',
          outcome: 'failed',
          fields: expect.arrayContaining(['appKey', 'appSecret', 'sessionKey']) as unknown,
          detail: code,
        });
        await fx?.close();
        fx = undefined;
      }
    }
  });

  it('a disk full for good, so the undo fails too: answered disk-not-undone, audited with the store left partly new', async () => {
    // Writes 1 and 2 replace settings.json.bak and settings.json; from the vault write on, nothing can be written.
    const t = await oldDesk((n) => (n >= 3 ? 'ENOSPC' : undefined));
    const answer = await t.desk.call('settings:update', { managerToken: t.token, patch: NEW });
    expect(answer).toEqual({ kind: 'failed', reason: 'disk-not-undone', code: 'ENOSPC' });
    expect(channels['settings:update'].response.safeParse(answer).success).toBe(true);
    const event = await lastAudit(t);
    expect(event).toMatchObject({ event: 'settings-change', outcome: 'failed' });
    expect(event?.detail).toMatch(/^ENOSPC; not undone: settings\.json/);
    // The vault could not be written at all: the old secret stays, bound to the old gateway, so it signs nothing for the new one.
    expect((await files(t.dir))['vault.json']).toBe(t.before['vault.json']);
    expect((await t.desk.call('settings:get', {})).appSecretOrigin).toBe('http://127.0.0.1:9');
  });

  it('a second save sent while the first fails is kept: the undo does not take it back', async () => {
    // Write 3 is the first save's first vault write.
    const t = await oldDesk((n) => (n === 3 ? 'EIO' : undefined));
    const [first, second] = await Promise.all([
      t.desk.call('settings:update', { managerToken: t.token, patch: NEW }),
      t.desk.call('settings:update', { managerToken: t.token, patch: { shopName: '第二次' } }),
    ]);
    expect(first).toEqual({ kind: 'failed', reason: 'disk', code: 'EIO' });
    expect(second.kind).toBe('ok');
    expect(await t.desk.call('settings:get', {})).toMatchObject({ appKey: OLD.appKey, shopName: '第二次' });
    expect((await files(t.dir))['vault.json']).toBe(t.before['vault.json']);
  });

  it('a secret the vault refuses leaves the rest of the save unsaved too', async () => {
    const t = await oldDesk(() => undefined);
    const answer = await t.desk.call('settings:update', {
      managerToken: t.token,
      patch: { appKey: NEW.appKey, proxyCredentials: 'user:pass' },
    });
    expect(answer).toEqual({ kind: 'invalid', fieldErrors: { proxyCredentials: 'proxy-url-needed' } });
    expect(await files(t.dir)).toEqual(t.before);
    expect(await lastAudit(t)).toMatchObject({ outcome: 'invalid', detail: 'proxyCredentials' });
  });
});
