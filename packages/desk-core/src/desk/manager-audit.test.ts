import { ManagerEvent, channels } from '@balance-desk/contract';
import { startSandbox, type RunningSandbox } from '@balance-desk/top-sandbox';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatchIpc } from './dispatch';
import { faultyFs } from '../storage/files/fs-port';
import { managerToken, startDesk, tmpDir, type DeskFixture } from '../test-support/desk-fixture';

const KEY = 'audit-app-key';
const SECRET = 'audit-secret-1f2e3d4c5b6a7980';
const PIN = '8642097531';

let gateway: RunningSandbox;
let fx: DeskFixture | undefined;
beforeAll(async () => {
  gateway = await startSandbox({ port: 0, apps: [{ appKey: KEY, appSecret: SECRET }] });
});
afterAll(() => gateway.close());
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('manager audit trail', () => {
  it('a settings change the disk refuses is recorded as failed with its cause, and nothing changed', async () => {
    let full = false;
    fx = await startDesk({
      fs: faultyFs((_n, _op, file) => (full && file.includes('settings') ? 'ENOSPC' : undefined)),
    });
    const { desk } = fx;
    expect(await desk.call('pin:set', { newPin: PIN })).toEqual({ kind: 'ok' });
    const token = await managerToken(desk, PIN);
    full = true;
    const reply = await dispatchIpc(desk, 'settings:update', {
      managerToken: token,
      patch: { shopName: '新店名' },
    });
    expect(reply).toEqual({ ok: true, value: { kind: 'failed', reason: 'disk', code: 'ENOSPC' } });
    full = false;
    expect(await desk.call('settings:get', {})).toMatchObject({ shopName: '' });
    const events = await desk.call('audit:recent', { managerToken: token });
    if (events.kind !== 'ok') throw new Error('audit:recent failed');
    expect(events.events[0]).toMatchObject({
      event: 'settings-change',
      outcome: 'failed',
      fields: ['shopName'],
      detail: 'ENOSPC',
    });
  });

  it('records PIN checks, PIN changes, settings changes, connection tests and kiosk exits; shows the newest first behind the PIN', async () => {
    fx = await startDesk();
    const { desk } = fx;
    expect(await desk.call('pin:set', { newPin: PIN })).toEqual({ kind: 'ok' });
    expect(await desk.call('pin:verify', { pin: '1357913579' })).toMatchObject({ kind: 'wrong-pin' });
    const token = await managerToken(desk, PIN);
    await desk.call('settings:update', {
      managerToken: token,
      patch: {
        gatewayKind: 'custom',
        gatewayUrl: gateway.url,
        appKey: KEY,
        appSecret: SECRET,
        brandId: '3724809629',
        shopId: '3724809631',
        insecureStorageAccepted: true,
        scanner: { minLength: 6 },
      },
    });
    await desk.call('settings:update', { managerToken: token, patch: { idleClearSeconds: 1 } });
    await desk.call('connection:test', {});
    await desk.call('pin:set', { newPin: '97531864', managerToken: token });
    await desk.call('kiosk:exit', { managerToken: 'f'.repeat(64) });
    await desk.call('kiosk:exit', { managerToken: token });

    expect(await desk.call('audit:recent', { managerToken: 'f'.repeat(64) })).toEqual({
      kind: 'unauthorized',
    });
    // Through the IPC edge: the request and the answer are validated like every channel's.
    const reply = await dispatchIpc(desk, 'audit:recent', { managerToken: token });
    const parsed = channels['audit:recent'].response.parse(reply.ok ? reply.value : undefined);
    if (parsed.kind !== 'ok') throw new Error('audit:recent failed');
    const events = parsed.events;
    for (const e of events) expect(ManagerEvent.parse(e)).toEqual(e);
    expect(events.map((e) => [e.event, e.outcome])).toEqual([
      ['kiosk-exit', 'ok'],
      ['kiosk-exit', 'unauthorized'],
      ['pin-change', 'ok'],
      ['connection-test', 'ok'],
      ['settings-change', 'invalid'],
      ['settings-change', 'ok'],
      ['pin-verify', 'ok'],
      ['pin-verify', 'wrong-pin'],
      ['pin-set', 'ok'],
    ]);
    expect(events[3]).toMatchObject({ host: `127.0.0.1:${gateway.port}` });
    expect(events[4]).toMatchObject({ fields: ['idleClearSeconds'], detail: 'idleClearSeconds' });
    expect(events[5]?.fields).toEqual(
      expect.arrayContaining(['gatewayUrl', 'appKey', 'appSecret', 'scanner.minLength']),
    );
    expect(events[7]).toMatchObject({ attemptsLeft: 4 });
    expect(events.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect(await desk.call('audit:recent', { managerToken: token, limit: 2 })).toMatchObject({
      kind: 'ok',
      events: [{ event: 'kiosk-exit' }, { event: 'kiosk-exit' }],
    });

    // Field names only: no secret, no PIN in the manager day files.
    await desk.close();
    const dir = path.join(fx.dir, 'journal');
    for (const name of await readdir(dir)) {
      const text = await readFile(path.join(dir, name), 'utf8');
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(PIN);
    }
  });

  it('a connection test of a draft names the draft host and its verdict', async () => {
    fx = await startDesk();
    const token = await managerToken(fx.desk);
    await fx.desk.call('connection:test', {
      managerToken: token,
      draft: { gatewayKind: 'custom', gatewayUrl: 'http://127.0.0.1:9/router/rest', appKey: 'k' },
    });
    const reply = await fx.desk.call('audit:recent', { managerToken: token });
    if (reply.kind !== 'ok') throw new Error('unauthorized');
    expect(reply.events[0]).toMatchObject({
      event: 'connection-test',
      outcome: 'not-configured',
      host: '127.0.0.1:9',
      detail: expect.stringContaining('draft'),
    });
  });

  it('records provisioning results, applied or refused', async () => {
    const tmp = await tmpDir();
    const file = path.join(tmp.dir, 'provision.json');
    await writeFile(file, JSON.stringify({ appKey: KEY, appSecret: SECRET, brandId: 42 }));
    try {
      fx = await startDesk({ argv: ['--provision', file] });
      const token = await managerToken(fx.desk);
      const reply = await fx.desk.call('audit:recent', { managerToken: token });
      if (reply.kind !== 'ok') throw new Error('unauthorized');
      const provisioning = reply.events.find((e) => e.event === 'provisioning');
      expect(provisioning).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('brandId') });
      expect(JSON.stringify(reply)).not.toContain(SECRET);
    } finally {
      await tmp.remove();
    }
  });
});
