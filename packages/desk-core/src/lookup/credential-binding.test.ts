import { DEMO_CARDS, startSandbox, type RunningSandbox } from '@balance-desk/top-sandbox';
import { createServer, type Server } from 'node:http';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk, type DeskOptions } from '../desk/desk';
import { ClientPool } from './client-pool';
import { CredentialOriginError } from './credential-binding';
import { createCipherVault } from '../storage/vault/vault';
import { createDevCipher } from '../storage/vault/dev-cipher';
import { CHEAP_PIN_COST, managerToken, tmpDir } from '../test-support/desk-fixture';

const KEY = 'bound-app-key';
const SECRET = 'bound-secret-4c2e8a6f1b3d5e7a9c0f';
const NEW_SECRET = 'bound-secret-for-the-new-gateway-0011';
const SESSION = 'bound-session-9a8b7c6d5e4f';
const SEED = DEMO_CARDS.seed;

/** A listener that must receive nothing: it counts every TCP connection and every request. */
interface Trap {
  url: string;
  connections: number;
  requests: string[];
  reset(): void;
  close(): Promise<void>;
}

async function startTrap(): Promise<Trap> {
  const trap = { connections: 0, requests: [] as string[] };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      trap.requests.push(`${req.url ?? ''} ${body}`);
      res.end('{}');
    });
  });
  server.on('connection', () => (trap.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    get connections() {
      return trap.connections;
    },
    get requests() {
      return trap.requests;
    },
    url: `http://127.0.0.1:${port}/router/rest`,
    reset: () => {
      trap.connections = 0;
      trap.requests.length = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const deskOptions = (dir: string): DeskOptions => ({
  dataDir: dir,
  cipher: createDevCipher(path.join(dir, 'dev-cipher.key')),
  version: '9.9.9-test',
  argv: [],
  wellKnownProvisionPaths: [],
  pinCost: CHEAP_PIN_COST,
  demo: false,
});

const shop = (url: string) => ({
  gatewayKind: 'custom' as const,
  gatewayUrl: url,
  appKey: KEY,
  brandId: '3724809629',
  shopId: '3724809631',
  insecureStorageAccepted: true,
});

let gateway: RunningSandbox;
let trap: Trap;
beforeAll(async () => {
  gateway = await startSandbox({
    port: 0,
    apps: [
      { appKey: KEY, appSecret: SECRET },
      { appKey: 'session-app', appSecret: SECRET, requireSession: SESSION },
    ],
  });
  trap = await startTrap();
});
afterAll(async () => {
  await gateway.close();
  await trap.close();
});

/** A desk on a data dir that outlives it, configured for `gateway` with the secret (and session key). */
async function configuredDesk(dir: string, withSession = false): Promise<{ desk: Desk; token: string }> {
  const desk = await createDesk(deskOptions(dir));
  const token = await managerToken(desk);
  const reply = await desk.call('settings:update', {
    managerToken: token,
    patch: { ...shop(gateway.url), appSecret: SECRET, ...(withSession ? { sessionKey: SESSION } : {}) },
  });
  expect(reply).toMatchObject({ kind: 'ok' });
  expect((await desk.call('app:status', {})).mode).toBe('production');
  return { desk, token };
}

function expectTrapUntouched(): void {
  expect(trap.connections).toBe(0);
  expect(trap.requests).toEqual([]);
}

describe('stored credentials are bound to the gateway origin they were entered for', () => {
  it('connection:test of a draft gateway never signs for it with the stored secret or session key', async () => {
    const tmp = await tmpDir();
    const { desk, token } = await configuredDesk(tmp.dir, true);
    try {
      const view = await desk.call('settings:get', {});
      expect(view.appSecretOrigin).toBe(new URL(gateway.url).origin);
      expect(view.sessionKeyOrigin).toBe(new URL(gateway.url).origin);

      const draftGateway = { gatewayUrl: trap.url };
      const verdict = await desk.call('connection:test', { managerToken: token, draft: draftGateway });
      expect(verdict).toMatchObject({
        verdict: 'not-configured',
        detail: { text: 'app-secret-other-gateway' },
        gatewayHost: new URL(trap.url).host,
      });
      // Same host, other port: another origin.
      const otherPort = gateway.url.replace(`:${gateway.port}/`, `:${gateway.port + 1}/`);
      expect(
        await desk.call('connection:test', { managerToken: token, draft: { gatewayUrl: otherPort } }),
      ).toMatchObject({ verdict: 'not-configured', detail: { text: 'app-secret-other-gateway' } });

      // The secret typed again in the same form, but the stored session key is still the old gateway's.
      expect(
        await desk.call('connection:test', {
          managerToken: token,
          draft: { ...draftGateway, appSecret: NEW_SECRET },
        }),
      ).toMatchObject({ verdict: 'not-configured', detail: { text: 'session-key-other-gateway' } });
      expectTrapUntouched();

      // Both typed again (or the session key cleared): now the call may go there.
      const both = await desk.call('connection:test', {
        managerToken: token,
        draft: { ...draftGateway, appSecret: NEW_SECRET, sessionKey: null },
      });
      expect(both).toMatchObject({ gatewayHost: new URL(trap.url).host });
      expect(trap.requests).toHaveLength(1);
      expect(trap.requests[0]).not.toContain(SESSION);
      trap.requests.length = 0;
      await desk.close();
    } finally {
      await tmp.remove();
      await resetTrap();
    }
  });

  it('saving another gateway without the secret: nothing is signed until it is entered again', async () => {
    const tmp = await tmpDir();
    const { desk, token } = await configuredDesk(tmp.dir);
    try {
      const saved = await desk.call('settings:update', {
        managerToken: token,
        patch: { gatewayUrl: trap.url },
      });
      expect(saved).toMatchObject({ kind: 'ok', settings: { hasAppSecret: true, gatewayUrl: trap.url } });
      const status = await desk.call('app:status', {});
      expect(status.mode).toBe('unconfigured');
      expect(status.notices.map((n) => n.code)).toContain('credentials-other-gateway');
      expect(await desk.call('balance:lookup', { cardId: SEED })).toMatchObject({
        kind: 'error',
        reason: 'not-configured',
        detail: { text: 'app-secret-other-gateway' },
      });
      expect(await desk.call('connection:test', {})).toMatchObject({
        verdict: 'not-configured',
        detail: { text: 'app-secret-other-gateway' },
      });
      // Across a restart too.
      await desk.close();
      const again = await createDesk(deskOptions(tmp.dir));
      expect(await again.call('balance:lookup', { cardId: SEED })).toMatchObject({
        reason: 'not-configured',
        detail: { text: 'app-secret-other-gateway' },
      });
      expectTrapUntouched();

      // Back to the gateway the secret belongs to: it works again without typing it.
      const back = await managerToken(again);
      await again.call('settings:update', { managerToken: back, patch: { gatewayUrl: gateway.url } });
      expect(await again.call('balance:lookup', { cardId: SEED })).toMatchObject({ kind: 'ok' });
      const status2 = await again.call('app:status', {});
      expect(status2.mode).toBe('production');
      expect(status2.notices.map((n) => n.code)).not.toContain('credentials-other-gateway');
      await again.close();
    } finally {
      await tmp.remove();
      await resetTrap();
    }
  });

  it('a provisioning file naming another gateway without a secret gets no signed call', async () => {
    const tmp = await tmpDir();
    const { desk } = await configuredDesk(tmp.dir);
    await desk.close();
    const file = path.join(tmp.dir, 'provision.json');
    // A file already applied once (its secret moved to the vault), now edited to name another gateway.
    await writeFile(
      file,
      JSON.stringify({
        gatewayUrl: trap.url,
        appKey: KEY,
        brandId: '3724809629',
        shopId: '3724809631',
        insecureStorageAccepted: true,
        secretsMovedToVault: true,
      }),
    );
    try {
      const next = await createDesk({ ...deskOptions(tmp.dir), argv: ['--provision', file] });
      const status = await next.call('app:status', {});
      expect(status.notices).toContainEqual(expect.objectContaining({ code: 'provisioning-applied' }));
      expect(status.mode).toBe('unconfigured');
      expect(await next.call('balance:lookup', { cardId: SEED })).toMatchObject({
        reason: 'not-configured',
        detail: { text: 'app-secret-other-gateway' },
      });
      expectTrapUntouched();
      await next.close();
    } finally {
      await tmp.remove();
      await resetTrap();
    }
  });

  it('settings restored from a backup that names another gateway: the secret is not sent there', async () => {
    const tmp = await tmpDir();
    // First configured for the trap's address (secret A), then moved to the real gateway with secret B.
    const desk = await createDesk(deskOptions(tmp.dir));
    const token = await managerToken(desk);
    await desk.call('settings:update', {
      managerToken: token,
      patch: { ...shop(trap.url), appSecret: SECRET },
    });
    await desk.call('settings:update', {
      managerToken: token,
      patch: { gatewayUrl: gateway.url, appSecret: SECRET },
    });
    expect(await desk.call('balance:lookup', { cardId: SEED })).toMatchObject({ kind: 'ok' });
    await desk.close();
    await resetTrap();
    // settings.json is lost; settings.json.bak (the trap's gateway) comes back.
    await rm(path.join(tmp.dir, 'settings.json'));
    try {
      const restored = await createDesk(deskOptions(tmp.dir));
      const status = await restored.call('app:status', {});
      expect(status.notices.map((n) => n.code)).toContain('settings-recovered-from-backup');
      expect(status.gatewayHost).toBe(new URL(trap.url).host);
      expect(status.mode).toBe('unconfigured');
      expect(await restored.call('balance:lookup', { cardId: SEED })).toMatchObject({
        reason: 'not-configured',
        detail: { text: 'app-secret-other-gateway' },
      });
      expect(await restored.call('connection:test', {})).toMatchObject({ verdict: 'not-configured' });
      expectTrapUntouched();
      await restored.close();
    } finally {
      await tmp.remove();
      await resetTrap();
    }
  });

  it('secrets stored by the previous version (no origin) bind to the saved gateway on first start', async () => {
    const tmp = await tmpDir();
    const cipher = createDevCipher(path.join(tmp.dir, 'dev-cipher.key'));
    // The previous version's vault: the bare secret encrypted, no origin; its v0 settings file.
    const legacy = (await cipher.encrypt(SECRET)).toString('base64');
    await writeFile(
      path.join(tmp.dir, 'vault.json'),
      JSON.stringify({ version: 1, secrets: { appSecret: legacy } }),
    );
    await writeFile(
      path.join(tmp.dir, 'settings.json'),
      JSON.stringify({
        gateway: gateway.url,
        appKey: KEY,
        brandId: '3724809629',
        shopId: '3724809631',
        insecureStorageAccepted: true,
      }),
    );
    try {
      const desk = await createDesk(deskOptions(tmp.dir));
      expect(await desk.call('balance:lookup', { cardId: SEED })).toMatchObject({ kind: 'ok' });
      expect((await desk.call('settings:get', {})).appSecretOrigin).toBe(new URL(gateway.url).origin);
      await desk.close();
      // Bound for good: the vault file changed, and another gateway saved later still gets nothing.
      expect(await readFile(path.join(tmp.dir, 'vault.json'), 'utf8')).not.toContain(legacy);
      const vault = createCipherVault({
        file: path.join(tmp.dir, 'vault.json'),
        cipher,
        allowInsecure: () => true,
      });
      expect(await vault.getBound('appSecret')).toEqual({
        value: SECRET,
        origin: new URL(gateway.url).origin,
      });
    } finally {
      await tmp.remove();
    }
  });

  it('an unbound secret with settings restored from a backup stays unbound and signs nothing', async () => {
    const tmp = await tmpDir();
    const cipher = createDevCipher(path.join(tmp.dir, 'dev-cipher.key'));
    const legacy = (await cipher.encrypt(SECRET)).toString('base64');
    await writeFile(
      path.join(tmp.dir, 'vault.json'),
      JSON.stringify({ version: 1, secrets: { appSecret: legacy } }),
    );
    await writeFile(
      path.join(tmp.dir, 'settings.json.bak'),
      JSON.stringify({ schemaVersion: 1, ...shop(trap.url) }),
    );
    try {
      const desk = await createDesk(deskOptions(tmp.dir));
      expect(await desk.call('balance:lookup', { cardId: SEED })).toMatchObject({
        reason: 'not-configured',
        detail: { text: 'app-secret-other-gateway' },
      });
      expect((await desk.call('settings:get', {})).appSecretOrigin).toBeUndefined();
      expectTrapUntouched();
      await desk.close();
    } finally {
      await tmp.remove();
      await resetTrap();
    }
  });

  it('the client pool itself refuses to build a client for credentials of another origin', () => {
    let built = 0;
    const pool = new ClientPool(() => {
      built += 1;
      return { execute: () => Promise.reject(new Error('unused')), close: () => undefined };
    });
    const target = {
      gatewayUrl: trap.url,
      appKey: KEY,
      appSecret: SECRET,
      appSecretOrigin: new URL(gateway.url).origin,
      session: undefined,
      sessionOrigin: undefined,
      signMethod: 'md5' as const,
      timeoutMs: 1000,
    };
    expect(() => pool.acquire(target)).toThrow(CredentialOriginError);
    expect(() => pool.borrow(target)).toThrow(CredentialOriginError);
    expect(() => pool.borrow({ ...target, appSecretOrigin: undefined })).toThrow(CredentialOriginError);
    expect(() =>
      pool.borrow({
        ...target,
        appSecretOrigin: new URL(trap.url).origin,
        session: SESSION,
        sessionOrigin: new URL(gateway.url).origin,
      }),
    ).toThrow(CredentialOriginError);
    expect(built).toBe(0);
    pool.borrow({ ...target, appSecretOrigin: new URL(trap.url).origin }).release();
    expect(built).toBe(1);
  });
});

async function resetTrap(): Promise<void> {
  // Each test checks the trap from zero; what one test let through must not fail another.
  trap.reset();
  return Promise.resolve();
}
