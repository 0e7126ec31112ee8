/**
 * The fault drill (`pnpm drill`, and scripts/drill.test.ts inside `pnpm test`): storage,
 * provisioning and credential faults played against the real desk-core on real files in temp
 * directories. Each drill sets up a terminal, breaks something, and checks what the terminal did
 * and whether the data it must keep is intact. A drill passes only when both are as required.
 */
import { link, mkdir, mkdtemp, readFile, readdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createCipherVault,
  createDesk,
  createDevCipher,
  dispatchIpc,
  faultyFs,
  nodeFs,
  noopLogger,
  openPinStore,
  openSettingsStore,
  provisionFromFile,
  type Desk,
  type FsPort,
  type ProvisionReport,
  type WriteFaultCode,
} from '@balance-desk/desk-core';

interface DrillResult {
  /** What the terminal did, in a few words. */
  did: string;
  /** The data the drill must keep (settings, vault, PIN, the provisioning file) is as required. */
  intact: boolean;
  /** The terminal's behaviour is the required one. */
  behaved: boolean;
}

export interface Drill {
  area: 'storage' | 'provisioning' | 'credentials';
  fault: string;
  run(dir: string): Promise<DrillResult>;
}

const CHEAP_PIN = { N: 2 ** 10, r: 8, p: 1 };
const SECRET = 'DRILL-NEW-SECRET-9f8e7d';
const OLD_SECRET = 'DRILL-OLD-SECRET-1a2b3c';
const PIN = '482913';
const OLD_PIN = '731846';
/** A loopback gateway nothing listens on: a drill that wrongly reaches the network fails fast instead of hanging. */
const DEAD_GATEWAY = 'http://127.0.0.1:9/router/rest';

const NEW_FILE = {
  gatewayUrl: 'https://eco.taobao.com/router/rest',
  appKey: 'NEWKEY',
  appSecret: SECRET,
  sessionKey: 'DRILL-NEW-SESSION',
  brandId: 'BRAND-NEW',
  shopId: 'SHOP-NEW',
  kiosk: true,
  insecureStorageAccepted: true,
  managerPin: PIN,
};
const OLD_FILE = {
  gatewayUrl: DEAD_GATEWAY,
  appKey: 'OLDKEY',
  appSecret: OLD_SECRET,
  brandId: 'BRAND-OLD',
  shopId: 'SHOP-OLD',
  insecureStorageAccepted: true,
  managerPin: OLD_PIN,
};

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
const STORE_FILES = ['settings.json', 'settings.json.bak', 'vault.json', 'pin.json'] as const;

async function stores(dir: string, port: FsPort = nodeFs) {
  const settings = await openSettingsStore({ dir, fs: port });
  const vault = createCipherVault({
    file: path.join(dir, 'vault.json'),
    cipher: createDevCipher(path.join(dir, 'dev.key'), port),
    allowInsecure: () => settings.get().insecureStorageAccepted,
    fs: port,
  });
  const pin = await openPinStore({ dir, cost: CHEAP_PIN, fs: port });
  return { settings, vault, pin, deps: { settings, vault, pin, fs: port } };
}

async function bytes(dir: string): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const name of STORE_FILES) out[name] = await readFile(path.join(dir, name), 'utf8').catch(() => null);
  return out;
}

const same = (a: Record<string, string | null>, b: Record<string, string | null>): boolean =>
  STORE_FILES.every((name) => a[name] === b[name]);

/** A terminal provisioned with OLD settings, secret and PIN, plus a settings backup; returns its store files. */
async function oldTerminal(dir: string): Promise<Record<string, string | null>> {
  const t = await stores(dir);
  const file = path.join(dir, 'old-provision.json');
  await writeFile(file, json(OLD_FILE));
  const report = await provisionFromFile(file, t.deps);
  if (!report.ok) throw new Error(`drill setup: ${JSON.stringify(report.errors)}`);
  await t.settings.update({ shopName: 'Old shop' });
  return bytes(dir);
}

/** The old terminal, read back from disk as a restart would. */
async function isOldTerminal(dir: string): Promise<boolean> {
  const t = await stores(dir);
  const s = t.settings.get();
  return (
    s.appKey === 'OLDKEY' &&
    s.shopName === 'Old shop' &&
    !s.kiosk &&
    (await t.vault.get('appSecret')) === OLD_SECRET &&
    (await t.pin.verify(OLD_PIN)).ok
  );
}

async function desk(dir: string, options: { argv?: string[]; fs?: FsPort } = {}): Promise<Desk> {
  const port = options.fs ?? nodeFs;
  return createDesk({
    dataDir: dir,
    cipher: createDevCipher(path.join(dir, 'dev.key'), port),
    version: 'drill',
    argv: options.argv ?? [],
    logger: noopLogger,
    pinCost: CHEAP_PIN,
    fs: port,
    lookup: { retry: { delaysMs: [] } },
  });
}

/** Mode, and what a lookup answers (never reaching a real gateway). */
async function terminalState(d: Desk): Promise<{ mode: string; lookup: string; notices: string[] }> {
  const status = await d.call('app:status', {});
  const lookup = await d.call('balance:lookup', { cardId: '8800123456' });
  return {
    mode: status.mode,
    lookup: lookup.kind === 'error' ? lookup.reason : lookup.kind,
    notices: status.notices.map((n) => n.code),
  };
}

/** Starts the terminal on `dir` as a restart would, reads its state and shuts it down again. */
async function restartedState(dir: string): ReturnType<typeof terminalState> {
  const d = await desk(dir);
  try {
    return await terminalState(d);
  } finally {
    await d.close();
  }
}

const errorsOf = (report: ProvisionReport): string => (report.ok ? '' : JSON.stringify(report.errors));

/** What a manager saves over the old terminal: settings and two secrets, one of them new to the vault. */
const NEW_SAVE = {
  appKey: 'NEWKEY',
  shopName: 'New shop',
  appSecret: SECRET,
  sessionKey: 'DRILL-NEW-SESSION',
};

/** A manager's save of NEW_SAVE with a port that fails the k-th write of the save with `code`, for every k. */
function everySaveWrite(code: WriteFaultCode): Drill {
  return {
    area: 'storage',
    fault: `${code} at each write of a manager's settings save (settings and two secrets), one save per write`,
    async run(dir) {
      let total = 0;
      let asRequired = 0;
      let intact = true;
      for (let k = 1; k === 1 || k <= total; k++) {
        const run = path.join(dir, `k${k}`);
        await oldTerminal(run);
        let armed = false;
        let n = 0;
        const port = faultyFs(() => (armed && ++n === k ? code : undefined));
        const d = await desk(run, { fs: port });
        try {
          const token = await managerToken(d);
          const before = await bytes(run);
          const start = port.writes.length;
          armed = true;
          const answer = await d.call('settings:update', { managerToken: token, patch: NEW_SAVE });
          armed = false;
          // The first run fails the first write; a clean probe counts them all.
          if (k === 1) total = await writesOfACleanSave(dir);
          const events = await d.call('audit:recent', { managerToken: token });
          const last = events.kind === 'ok' ? events.events[0] : undefined;
          const ok =
            answer.kind === 'failed' &&
            answer.reason === 'disk' &&
            last?.outcome === 'failed' &&
            last.detail === code;
          if (ok) asRequired++;
          intact &&= port.writes.length > start && same(await bytes(run), before);
        } finally {
          await d.close();
        }
        intact &&= await isOldTerminal(run);
      }
      return {
        did: `${asRequired} of ${total} saves answered failed (disk) and were audited with ${code}`,
        intact,
        behaved: total > 0 && asRequired === total,
      };
    },
  };
}

/** How many writes a manager's save of NEW_SAVE makes on the old terminal. */
async function writesOfACleanSave(dir: string): Promise<number> {
  const run = path.join(dir, 'probe');
  await oldTerminal(run);
  const port = faultyFs(() => undefined);
  const d = await desk(run, { fs: port });
  try {
    const token = await managerToken(d);
    const start = port.writes.length;
    const answer = await d.call('settings:update', { managerToken: token, patch: NEW_SAVE });
    return answer.kind === 'ok' ? port.writes.length - start : 0;
  } finally {
    await d.close();
  }
}

/** Provisioning NEW over OLD with a port that fails the k-th write of the run with `code`, for every k. */
function everyWrite(code: WriteFaultCode): Drill {
  return {
    area: 'provisioning',
    fault: `${code} at each write of a provisioning run, one run per write`,
    async run(dir) {
      const probeDir = path.join(dir, 'probe');
      await oldTerminal(probeDir);
      await writeFile(path.join(probeDir, 'provision.json'), json(NEW_FILE));
      const counter = faultyFs(() => undefined);
      const probe = await stores(probeDir, counter);
      const start = counter.writes.length;
      await provisionFromFile(path.join(probeDir, 'provision.json'), probe.deps);
      const writes = counter.writes.slice(start);
      let intact = true;
      let behaved = writes.length > 0;
      let asRequired = 0;
      for (let k = 1; k <= writes.length; k++) {
        const run = path.join(dir, `k${k}`);
        const before = await oldTerminal(run);
        const file = path.join(run, 'provision.json');
        const text = json(NEW_FILE);
        await writeFile(file, text);
        let n = 0;
        let armed = false;
        const port = faultyFs(() => (armed && ++n === k ? code : undefined));
        const t = await stores(run, port);
        armed = true;
        const report = await provisionFromFile(file, t.deps);
        armed = false;
        const scrub = path.basename(writes[k - 1]?.file ?? '') === 'provision.json';
        const after = await bytes(run);
        const fileKept = (await readFile(file, 'utf8')) === text;
        if (scrub && (code === 'EACCES' || code === 'EROFS')) {
          // The provisioning folder cannot be written: secrets not imported, the rest applied.
          const ok = report.ok && report.warnings.some((w) => w.includes('NOT imported'));
          behaved &&= ok;
          if (ok) asRequired++;
          intact &&=
            after['vault.json'] === before['vault.json'] &&
            after['pin.json'] === before['pin.json'] &&
            fileKept;
        } else {
          const ok =
            !report.ok && errorsOf(report).includes(code) && errorsOf(report).includes('nothing was applied');
          behaved &&= ok;
          if (ok) asRequired++;
          intact &&= same(after, before) && fileKept && (await isOldTerminal(run));
        }
      }
      return {
        did: `${asRequired} of ${writes.length} runs answered as required (refused naming ${code}, or secrets not imported from a folder it cannot write)`,
        intact,
        behaved,
      };
    },
  };
}

export const DRILLS: Drill[] = [
  // ---- storage ----
  {
    area: 'storage',
    fault: 'settings.json overwritten with garbage',
    async run(dir) {
      const before = await oldTerminal(dir);
      await writeFile(path.join(dir, 'settings.json'), '{"appKey": ');
      const t = await stores(dir);
      // settings.json.bak is the version before the last save: the old terminal, without its newest shop name.
      const recovered = t.settings.get().appKey === 'OLDKEY';
      const noticed = t.settings.notices().some((n) => n.code === 'settings-recovered-from-backup');
      const kept = (await readdir(dir)).some((name) => name.startsWith('settings.json.corrupt-'));
      return {
        did: 'restored the previous version from settings.json.bak, kept the broken file aside, notice',
        intact: recovered && kept && before['vault.json'] === (await bytes(dir))['vault.json'],
        behaved: noticed,
      };
    },
  },
  {
    area: 'storage',
    fault: 'settings.json deleted (settings.json.bak left)',
    async run(dir) {
      await oldTerminal(dir);
      await rm(path.join(dir, 'settings.json'));
      const t = await stores(dir);
      return {
        did: 'restored settings.json from the backup, notice',
        intact: t.settings.get().appKey === 'OLDKEY',
        behaved: t.settings.notices().some((n) => n.code === 'settings-recovered-from-backup'),
      };
    },
  },
  {
    area: 'storage',
    fault: 'settings.json and settings.json.bak both unreadable',
    async run(dir) {
      await oldTerminal(dir);
      await writeFile(path.join(dir, 'settings.json'), 'garbage');
      await writeFile(path.join(dir, 'settings.json.bak'), '');
      const t = await stores(dir);
      const kept = (await readdir(dir)).filter((name) => name.includes('.corrupt-')).length;
      return {
        did: 'started unconfigured with a notice; both broken files kept aside for IT',
        intact: kept === 2,
        behaved:
          t.settings.notices().some((n) => n.code === 'settings-reset-unreadable') &&
          !t.settings.isConfigured(),
      };
    },
  },
  ...(['ENOSPC', 'EROFS', 'EIO'] as const).map((code): Drill => ({
    area: 'storage',
    fault: `${code} while saving settings`,
    async run(dir) {
      const before = await oldTerminal(dir);
      let armed = false;
      const t = await stores(
        dir,
        faultyFs(() => (armed ? code : undefined)),
      );
      armed = true;
      const error = await t.settings.update({ shopName: 'New shop' }).then(
        () => undefined,
        (e: unknown) => (e as NodeJS.ErrnoException).code,
      );
      return {
        did: `save rejected with ${error ?? 'nothing'}; the screen keeps the old settings`,
        intact: same(await bytes(dir), before) && t.settings.get().shopName === 'Old shop',
        behaved: error === code,
      };
    },
  })),
  {
    area: 'storage',
    fault: 'temp files left by a power cut mid-write',
    async run(dir) {
      const before = await oldTerminal(dir);
      await writeFile(path.join(dir, 'settings.json.3141592653'), '{"half":');
      await writeFile(path.join(dir, 'settings.json.bak.2718281828'), '');
      await stores(dir);
      const left = (await readdir(dir)).filter((name) => /\.\d+$/.test(name));
      return {
        did: 'removed the leftovers on start',
        intact: same(await bytes(dir), before),
        behaved: left.length === 0,
      };
    },
  },
  {
    area: 'storage',
    fault: 'pin.json overwritten with garbage',
    async run(dir) {
      await oldTerminal(dir);
      await writeFile(path.join(dir, 'pin.json'), 'not json');
      const t = await stores(dir);
      const verdict = await t.pin.verify(OLD_PIN);
      return {
        did: 'PIN blocked (nothing matches) until re-provisioned, notice',
        intact: (await readFile(path.join(dir, 'pin.json'), 'utf8')) === 'not json',
        behaved:
          !verdict.ok &&
          t.pin.isSet() &&
          t.pin.notices().some((n) => n.code === 'secret-unreadable-reprovision'),
      };
    },
  },
  {
    area: 'storage',
    fault: 'EIO on every pin.json write while someone guesses the PIN',
    async run(dir) {
      const before = await oldTerminal(dir);
      let armed = false;
      const t = await stores(
        dir,
        faultyFs(() => (armed ? 'EIO' : undefined)),
      );
      armed = true;
      let last: Awaited<ReturnType<typeof t.pin.verify>> | undefined;
      for (let i = 0; i < 5; i++) last = await t.pin.verify('000000');
      const locked = last !== undefined && !last.ok && last.reason === 'locked';
      const afterLock = await t.pin.verify(OLD_PIN);
      return {
        did: 'failures still counted in memory: locked after 5 guesses',
        intact: (await bytes(dir))['pin.json'] === before['pin.json'],
        behaved: locked && !afterLock.ok,
      };
    },
  },
  {
    area: 'storage',
    fault: 'ENOSPC while storing a secret in the vault',
    async run(dir) {
      const before = await oldTerminal(dir);
      let armed = false;
      const t = await stores(
        dir,
        faultyFs(() => (armed ? 'ENOSPC' : undefined)),
      );
      armed = true;
      const error = await t.vault.set('appSecret', SECRET, 'https://eco.taobao.com').then(
        () => undefined,
        (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).name,
      );
      return {
        did: `refused with ${error ?? 'nothing'}; the old secret stays`,
        intact: same(await bytes(dir), before) && (await isOldTerminal(dir)),
        behaved: error === 'ENOSPC',
      };
    },
  },
  ...(['ENOSPC', 'EROFS', 'EACCES', 'EIO'] as const).map(everySaveWrite),
  // ---- provisioning ----
  ...(['ENOSPC', 'EROFS', 'EACCES', 'EIO'] as const).map(everyWrite),
  {
    area: 'provisioning',
    fault: 'disk full for good from the vault write on (the rollback fails too)',
    async run(dir) {
      await oldTerminal(dir);
      const file = path.join(dir, 'provision.json');
      await writeFile(file, json(NEW_FILE));
      let armed = false;
      let n = 0;
      const port = faultyFs(() => (armed && ++n >= 3 ? 'ENOSPC' : undefined));
      const d = await desk(dir, {
        argv: ['--provision', file],
        fs: {
          ...port,
          readFileLimited: (f, max) => {
            armed = true;
            return port.readFileLimited(f, max);
          },
        },
      });
      try {
        const state = await terminalState(d);
        const detail =
          (await d.call('app:status', {})).notices.find((x) => x.code === 'provisioning-failed')?.detail ??
          '';
        const test = await d.call('connection:test', {});
        const tested = test.kind === 'tested' ? test.verdict : test.kind;
        return {
          did: `fail closed: mode ${state.mode}, lookups ${state.lookup}, connection test ${tested}; report names settings.json`,
          intact: (await readFile(file, 'utf8')).includes(SECRET), // the file is not scrubbed: it can be applied again
          behaved:
            state.mode === 'unconfigured' &&
            state.lookup === 'not-configured' &&
            tested === 'not-configured' &&
            detail.includes('settings.json could not be put back'),
        };
      } finally {
        await d.close();
      }
    },
  },
  {
    area: 'provisioning',
    fault: 'restart after a rollback that failed, the provisioning file removed (same gateway, new shop)',
    async run(dir) {
      await oldTerminal(dir);
      const file = path.join(dir, 'provision.json');
      // Same gateway and secret, another shop: the stored secret still fits the half-new settings.
      await writeFile(file, json({ ...OLD_FILE, shopId: 'SHOP-NEW', kiosk: true }));
      let armed = false;
      let n = 0;
      const port = faultyFs(() => (armed && ++n >= 3 ? 'ENOSPC' : undefined));
      const first = await desk(dir, {
        argv: ['--provision', file],
        fs: {
          ...port,
          readFileLimited: (f, max) => {
            armed = true;
            return port.readFileLimited(f, max);
          },
        },
      });
      const failed = (await terminalState(first)).mode;
      await first.close();
      armed = false;
      await rm(file);
      const state = await restartedState(dir);
      const shop = (await stores(dir)).settings.get().shopId;
      // Provisioned again: that clears it.
      await writeFile(file, json({ ...OLD_FILE, shopId: 'SHOP-NEW' }));
      const again = await desk(dir, { argv: ['--provision', file] });
      const healed = (await again.call('app:status', {})).mode;
      await again.close();
      return {
        did: `first start ${failed}; after a restart mode ${state.mode}, lookups ${state.lookup} (settings name ${shop}); provisioned again: ${healed}`,
        intact: (await readFile(path.join(dir, 'vault.json'), 'utf8')).includes('secrets'),
        behaved:
          failed === 'unconfigured' &&
          state.mode === 'unconfigured' &&
          state.notices.includes('provisioning-failed') &&
          state.lookup === 'not-configured' &&
          healed === 'production',
      };
    },
  },
  {
    area: 'provisioning',
    fault: 'provisioning file is a symlink to the real file',
    async run(dir) {
      const t = await stores(dir);
      const target = path.join(dir, 'it-share-provision.json');
      await writeFile(target, json(NEW_FILE), { mode: 0o640 });
      await symlink(target, path.join(dir, 'provision.json'));
      const report = await provisionFromFile(path.join(dir, 'provision.json'), t.deps);
      const text = await readFile(target, 'utf8');
      return {
        did: 'imported; the link target rewritten without the secrets',
        intact: !text.includes(SECRET) && !text.includes(PIN) && (await t.vault.get('appSecret')) === SECRET,
        behaved: report.ok,
      };
    },
  },
  {
    area: 'provisioning',
    fault: 'provisioning file with a second hard link',
    async run(dir) {
      const before = await oldTerminal(dir);
      const t = await stores(dir);
      const file = path.join(dir, 'provision.json');
      await writeFile(file, json(NEW_FILE));
      await link(file, path.join(dir, 'copy.json'));
      const report = await provisionFromFile(file, t.deps);
      return {
        did: 'refused whole: the secret could not be erased from every name',
        intact: same(await bytes(dir), before) && (await readFile(file, 'utf8')) === json(NEW_FILE),
        behaved: !report.ok && errorsOf(report).includes('hard links'),
      };
    },
  },
  {
    area: 'provisioning',
    fault: 'symlink to a file in a folder that cannot be written (EACCES)',
    async run(dir) {
      const before = await oldTerminal(dir);
      const target = path.join(dir, 'target.json');
      await writeFile(target, json(NEW_FILE));
      await symlink(target, path.join(dir, 'provision.json'));
      const port = faultyFs((_n, op, f) =>
        op === 'writeAtomic' && path.basename(f) === 'provision.json' ? 'EACCES' : undefined,
      );
      const t = await stores(dir, port);
      const report = await provisionFromFile(path.join(dir, 'provision.json'), t.deps);
      return {
        did: 'refused whole, every store put back',
        intact: same(await bytes(dir), before) && (await readFile(target, 'utf8')) === json(NEW_FILE),
        behaved: !report.ok && errorsOf(report).includes('is a link to'),
      };
    },
  },
  {
    area: 'provisioning',
    fault: 'regular file in a folder the kiosk account cannot write (EACCES, injected)',
    async run(dir) {
      const before = await oldTerminal(dir);
      const file = path.join(dir, 'provision.json');
      await writeFile(file, json(NEW_FILE));
      const port = faultyFs((_n, op, f) => (op === 'writeAtomic' && f === file ? 'EACCES' : undefined));
      const t = await stores(dir, port);
      const report = await provisionFromFile(file, t.deps);
      const after = await bytes(dir);
      return {
        did: 'settings applied; secret and PIN NOT imported; IT told the fix',
        intact: after['vault.json'] === before['vault.json'] && after['pin.json'] === before['pin.json'],
        behaved:
          report.ok &&
          report.warnings.some((w) => w.includes('NOT imported') && w.includes('DEPLOYMENT.md')) &&
          t.settings.get().appKey === 'NEWKEY',
      };
    },
  },
  ...(
    [
      ['"__proto__" key with a secret under it', `"__proto__": {"appSecret": "${SECRET}", "kiosk": true}`],
      ['"constructor" key inside scanner', `"scanner": {"constructor": {"prototype": {"minLength": 1}}}`],
      ['"prototype" key at the top', `"prototype": {"kiosk": true}`],
    ] as const
  ).map(([fault, extra]): Drill => ({
    area: 'provisioning',
    fault,
    async run(dir) {
      const before = await oldTerminal(dir);
      const t = await stores(dir);
      const file = path.join(dir, 'provision.json');
      const text = `${JSON.stringify({ ...OLD_FILE, appKey: 'NEWKEY' }).slice(0, -1)}, ${extra}}`;
      await writeFile(file, text);
      const report = await provisionFromFile(file, t.deps);
      return {
        did: 'refused as an unknown field',
        intact: same(await bytes(dir), before) && (await readFile(file, 'utf8')) === text,
        behaved: !report.ok && errorsOf(report).includes('is not a known field'),
      };
    },
  })),
  {
    area: 'provisioning',
    fault: '700 MB provisioning file',
    async run(dir) {
      const before = await oldTerminal(dir);
      const t = await stores(dir);
      const file = path.join(dir, 'provision.json');
      await writeFile(file, '');
      await truncate(file, 700 * 1024 * 1024);
      const report = await provisionFromFile(file, t.deps);
      return {
        did: 'refused before reading it',
        intact: same(await bytes(dir), before),
        behaved: !report.ok && errorsOf(report).includes('it was not read'),
      };
    },
  },
  {
    area: 'provisioning',
    fault: 'truncated provisioning file',
    async run(dir) {
      const before = await oldTerminal(dir);
      const t = await stores(dir);
      const file = path.join(dir, 'provision.json');
      await writeFile(file, json(NEW_FILE).slice(0, 60));
      const report = await provisionFromFile(file, t.deps);
      return {
        did: 'refused, nothing applied, no secret quoted',
        intact: same(await bytes(dir), before),
        behaved: !report.ok && errorsOf(report).includes('truncated') && !errorsOf(report).includes(SECRET),
      };
    },
  },
  {
    area: 'provisioning',
    fault: 'unknown field (typo "shopID")',
    async run(dir) {
      const before = await oldTerminal(dir);
      const t = await stores(dir);
      const file = path.join(dir, 'provision.json');
      const { shopId, ...rest } = NEW_FILE;
      await writeFile(file, json({ ...rest, shopID: shopId }));
      const report = await provisionFromFile(file, t.deps);
      return {
        did: 'refused with "did you mean shopId"',
        intact: same(await bytes(dir), before),
        behaved: !report.ok && errorsOf(report).includes('did you mean \\"shopId\\"'),
      };
    },
  },
  {
    area: 'provisioning',
    fault: 'ENOSPC while the cipher creates its key',
    async run(dir) {
      const port = faultyFs((_n, op, f) =>
        op === 'writeFile' && path.basename(f) === 'dev.key' ? 'ENOSPC' : undefined,
      );
      const t = await stores(dir, port);
      const file = path.join(dir, 'provision.json');
      await writeFile(file, json(NEW_FILE));
      const report = await provisionFromFile(file, t.deps);
      const after = await bytes(dir);
      return {
        did: 'refused naming ENOSPC (not "no secure storage")',
        intact:
          after['vault.json'] === null &&
          after['pin.json'] === null &&
          (await readFile(file, 'utf8')) === json(NEW_FILE),
        behaved:
          !report.ok &&
          errorsOf(report).includes('ENOSPC: the disk is full') &&
          !errorsOf(report).includes('no secure storage'),
      };
    },
  },
  // ---- credentials ----
  {
    area: 'credentials',
    fault: 'vault.json holds an app secret that cannot be decrypted',
    async run(dir) {
      await oldTerminal(dir);
      await writeFile(path.join(dir, 'vault.json'), json({ version: 1, secrets: { appSecret: 'AAAA' } }));
      const s = await restartedState(dir);
      return {
        did: `mode ${s.mode}, lookups ${s.lookup}, re-provision notice; never demo`,
        intact: (await readFile(path.join(dir, 'vault.json'), 'utf8')).includes('AAAA'),
        behaved:
          s.mode === 'unconfigured' &&
          s.lookup === 'not-configured' &&
          s.notices.includes('secret-unreadable-reprovision'),
      };
    },
  },
  {
    area: 'credentials',
    fault: 'vault.json deleted on a configured terminal',
    async run(dir) {
      await oldTerminal(dir);
      await rm(path.join(dir, 'vault.json'));
      const s = await restartedState(dir);
      return {
        did: `mode ${s.mode}, lookups ${s.lookup}; never demo`,
        intact: (await stores(dir)).settings.get().appKey === 'OLDKEY',
        behaved: s.mode === 'unconfigured' && s.lookup === 'not-configured',
      };
    },
  },
  {
    area: 'credentials',
    fault: 'cipher key replaced (vault encrypted under another key)',
    async run(dir) {
      await oldTerminal(dir);
      await writeFile(path.join(dir, 'dev.key'), Buffer.alloc(32, 7));
      const s = await restartedState(dir);
      return {
        did: `mode ${s.mode}, lookups ${s.lookup}, re-provision notice`,
        intact: (await readFile(path.join(dir, 'vault.json'), 'utf8')).includes('appSecret'),
        behaved:
          s.mode === 'unconfigured' &&
          s.lookup === 'not-configured' &&
          s.notices.includes('secret-unreadable-reprovision'),
      };
    },
  },
  {
    area: 'credentials',
    fault: 'vault.json unreadable as a file (a folder in its place)',
    async run(dir) {
      await oldTerminal(dir);
      await rm(path.join(dir, 'vault.json'));
      await mkdir(path.join(dir, 'vault.json'));
      const s = await restartedState(dir);
      return {
        did: `mode ${s.mode}, lookups ${s.lookup}`,
        intact: (await stores(dir)).settings.get().appKey === 'OLDKEY',
        behaved: s.mode === 'unconfigured' && s.lookup === 'not-configured',
      };
    },
  },
  {
    area: 'credentials',
    fault: 'IPC settings patch with "__proto__" inside scanner',
    async run(dir) {
      await oldTerminal(dir);
      const d = await desk(dir);
      try {
        const token = await d.call('pin:verify', { pin: OLD_PIN });
        if (token.kind !== 'ok') throw new Error('drill setup: PIN');
        const before = await d.call('settings:get', {});
        const reply = await dispatchIpc(
          d,
          'settings:update',
          JSON.parse(
            `{"managerToken":"${token.managerToken}","patch":{"scanner":{"__proto__":{"minLength":1}}}}`,
          ),
        );
        return {
          did: 'invalid-request (unknown field)',
          intact: JSON.stringify(await d.call('settings:get', {})) === JSON.stringify(before),
          behaved: !reply.ok && reply.error.code === 'invalid-request',
        };
      } finally {
        await d.close();
      }
    },
  },
  {
    area: 'credentials',
    fault: 'two first-run pin:set calls at once',
    async run(dir) {
      const d = await desk(dir);
      try {
        const [a, b] = await Promise.all([
          d.call('pin:set', { newPin: PIN }),
          d.call('pin:set', { newPin: '975310' }),
        ]);
        const winner = a.kind === 'ok' ? PIN : '975310';
        const loser = a.kind === 'ok' ? '975310' : PIN;
        return {
          did: `one ok, the other ${a.kind !== 'ok' ? a.kind : b.kind !== 'ok' ? b.kind : 'ok too'}`,
          intact:
            (await d.call('pin:verify', { pin: winner })).kind === 'ok' &&
            (await d.call('pin:verify', { pin: loser })).kind !== 'ok',
          behaved: (a.kind === 'ok') !== (b.kind === 'ok') && [a, b].some((r) => r.kind === 'already-set'),
        };
      } finally {
        await d.close();
      }
    },
  },
  // ---- credentials bound to their gateway origin ----
  {
    area: 'credentials',
    fault: 'draft connection test to another origin with the stored secret',
    async run(dir) {
      const before = await oldTerminal(dir);
      const listener = await trap();
      const d = await desk(dir);
      try {
        const token = await managerToken(d);
        const verdict = await d.call('connection:test', {
          managerToken: token,
          draft: { gatewayUrl: listener.gatewayUrl },
        });
        const text =
          verdict.kind === 'tested' ? `${verdict.verdict} (${verdict.detail.text ?? ''})` : verdict.kind;
        return {
          did: `answered ${text}; the other origin received ${listener.received()} connection(s)`,
          intact: listener.received() === 0 && same(await bytes(dir), before),
          behaved: text === 'not-configured (app-secret-other-gateway)',
        };
      } finally {
        await d.close();
        await listener.close();
      }
    },
  },
  {
    area: 'credentials',
    fault: 'new gateway saved without entering the secret again',
    async run(dir) {
      const before = await oldTerminal(dir);
      const listener = await trap();
      const d = await desk(dir);
      try {
        const token = await managerToken(d);
        const saved = await d.call('settings:update', {
          managerToken: token,
          patch: { gatewayUrl: listener.gatewayUrl },
        });
        const outcome = await d.call('balance:lookup', { cardId: '8800123456' });
        const test = await d.call('connection:test', {});
        const why = outcome.kind === 'error' ? (outcome.detail?.text ?? outcome.reason) : outcome.kind;
        const tested = test.kind === 'tested' ? test.detail.text : test.kind;
        const after = await bytes(dir);
        return {
          did: `saved; lookups and the connection test answer ${why}/${tested}; the new origin received ${listener.received()} connection(s)`,
          intact: listener.received() === 0 && after['vault.json'] === before['vault.json'],
          behaved:
            saved.kind === 'ok' &&
            why === 'app-secret-other-gateway' &&
            tested === 'app-secret-other-gateway',
        };
      } finally {
        await d.close();
        await listener.close();
      }
    },
  },
  {
    area: 'credentials',
    fault: 'provisioning file with a new gateway and no secret',
    async run(dir) {
      const before = await oldTerminal(dir);
      const listener = await trap();
      const file = path.join(dir, 'provision.json');
      const { appSecret: _s, managerPin: _p, ...rest } = OLD_FILE;
      // An already scrubbed file (the secrets went to the vault) with the gateway changed by hand.
      await writeFile(file, json({ ...rest, gatewayUrl: listener.gatewayUrl, secretsMovedToVault: true }));
      const d = await desk(dir, { argv: ['--provision', file] });
      try {
        const state = await terminalState(d);
        const outcome = await d.call('balance:lookup', { cardId: '8800123456' });
        const why = outcome.kind === 'error' ? (outcome.detail?.text ?? outcome.reason) : outcome.kind;
        return {
          did: `${state.notices.includes('provisioning-applied') ? 'applied' : 'not applied'}; mode ${state.mode}, lookups ${why}; the new origin received ${listener.received()} connection(s)`,
          intact: listener.received() === 0 && (await bytes(dir))['vault.json'] === before['vault.json'],
          behaved:
            state.notices.includes('provisioning-applied') &&
            state.mode !== 'demo' &&
            why === 'app-secret-other-gateway',
        };
      } finally {
        await d.close();
        await listener.close();
      }
    },
  },
  {
    area: 'credentials',
    fault: 'settings.json lost, settings.json.bak names another gateway',
    async run(dir) {
      const before = await oldTerminal(dir);
      const listener = await trap();
      const backup = JSON.parse(before['settings.json'] ?? '{}') as Record<string, unknown>;
      await writeFile(
        path.join(dir, 'settings.json.bak'),
        json({ ...backup, gatewayUrl: listener.gatewayUrl }),
      );
      await rm(path.join(dir, 'settings.json'));
      const d = await desk(dir);
      try {
        const state = await terminalState(d);
        const outcome = await d.call('balance:lookup', { cardId: '8800123456' });
        const why = outcome.kind === 'error' ? (outcome.detail?.text ?? outcome.reason) : outcome.kind;
        return {
          did: `restored from the backup; lookups ${why}; the backup's origin received ${listener.received()} connection(s)`,
          intact: listener.received() === 0 && (await bytes(dir))['vault.json'] === before['vault.json'],
          behaved:
            state.notices.includes('settings-recovered-from-backup') && why === 'app-secret-other-gateway',
        };
      } finally {
        await d.close();
        await listener.close();
      }
    },
  },
  {
    area: 'credentials',
    fault: 'secret stored without an origin (older version) and settings restored from a backup',
    async run(dir) {
      const before = await oldTerminal(dir);
      const listener = await trap();
      await writeUnboundVault(dir, OLD_SECRET);
      const backup = JSON.parse(before['settings.json'] ?? '{}') as Record<string, unknown>;
      await writeFile(
        path.join(dir, 'settings.json.bak'),
        json({ ...backup, gatewayUrl: listener.gatewayUrl }),
      );
      await rm(path.join(dir, 'settings.json'));
      const d = await desk(dir);
      try {
        const outcome = await d.call('balance:lookup', { cardId: '8800123456' });
        const why = outcome.kind === 'error' ? (outcome.detail?.text ?? outcome.reason) : outcome.kind;
        const bound = await (await stores(dir)).vault.getBound('appSecret');
        return {
          did: `left unbound, lookups ${why}; the backup's origin received ${listener.received()} connection(s)`,
          intact: listener.received() === 0 && bound?.value === OLD_SECRET,
          behaved: bound?.origin === undefined && why === 'app-secret-other-gateway',
        };
      } finally {
        await d.close();
        await listener.close();
      }
    },
  },
  {
    area: 'credentials',
    fault: 'secret stored without an origin (older version), settings.json intact',
    async run(dir) {
      await oldTerminal(dir);
      await writeUnboundVault(dir, OLD_SECRET);
      const d = await desk(dir);
      await d.close();
      const bound = await (await stores(dir)).vault.getBound('appSecret');
      return {
        did: `bound once at start to ${bound?.origin ?? 'nothing'}, the gateway it was used with`,
        intact: bound?.value === OLD_SECRET,
        behaved: bound?.origin === new URL(DEAD_GATEWAY).origin,
      };
    },
  },
  {
    area: 'credentials',
    fault: 'draft connection test through another proxy with the stored proxy credentials',
    async run(dir) {
      const listener = await trap();
      const credentials = 'drill-user:DRILL-PROXY-PASS';
      const file = path.join(dir, 'provision.json');
      await writeFile(
        file,
        json({
          ...OLD_FILE,
          gatewayUrl: 'https://gw.drill.invalid/router/rest',
          proxyUrl: 'http://127.0.0.1:9',
          proxyCredentials: credentials,
        }),
      );
      const d = await desk(dir, { argv: ['--provision', file] });
      try {
        const before = await bytes(dir);
        const token = await managerToken(d);
        await d.call('connection:test', { managerToken: token, draft: { proxyUrl: listener.proxyUrl } });
        const sent = listener.sent();
        const leaked = sent.includes(Buffer.from(credentials).toString('base64'));
        return {
          did: `the other proxy was asked to ${sent.split(' ')[0] || 'nothing'} ${leaked ? 'WITH' : 'without'} the stored credentials`,
          intact: !leaked && same(await bytes(dir), before),
          behaved: sent.startsWith('CONNECT gw.drill.invalid:443'),
        };
      } finally {
        await d.close();
        await listener.close();
      }
    },
  },
];

/** A listener on 127.0.0.1 that must receive nothing: it counts connections and keeps what they sent. */
async function trap(): Promise<{
  gatewayUrl: string;
  proxyUrl: string;
  received(): number;
  sent(): string;
  close(): Promise<void>;
}> {
  const sockets: Socket[] = [];
  let data = '';
  const server = createServer((socket) => {
    sockets.push(socket);
    // Keep the first thing sent, answer nothing and hang up: the caller fails fast instead of
    // waiting for its timeout.
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      socket.destroy();
    });
    socket.on('error', () => undefined);
    setTimeout(() => socket.destroy(), 2000).unref();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    gatewayUrl: `http://127.0.0.1:${port}/router/rest`,
    proxyUrl: `http://127.0.0.1:${port}`,
    received: () => sockets.length,
    sent: () => data,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function managerToken(d: Desk): Promise<string> {
  const token = await d.call('pin:verify', { pin: OLD_PIN });
  if (token.kind !== 'ok') throw new Error('drill setup: PIN');
  return token.managerToken;
}

/** vault.json as a version without gateway origins wrote it: the plain secret, encrypted, bound to nothing. */
async function writeUnboundVault(dir: string, secret: string): Promise<void> {
  const cipher = createDevCipher(path.join(dir, 'dev.key'));
  const appSecret = (await cipher.encrypt(secret)).toString('base64');
  await writeFile(path.join(dir, 'vault.json'), json({ version: 1, secrets: { appSecret } }));
}

export interface DrillRow {
  area: Drill['area'];
  fault: string;
  did: string;
  intact: boolean;
  passed: boolean;
}

/** Runs one drill in its own temp directory; a drill that throws has failed. */
export async function runDrill(drill: Drill): Promise<DrillRow> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bd-drill-'));
  try {
    const result = await drill.run(dir);
    return {
      area: drill.area,
      fault: drill.fault,
      did: result.did,
      intact: result.intact,
      passed: result.intact && result.behaved,
    };
  } catch (error) {
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      area: drill.area,
      fault: drill.fault,
      did: `drill crashed (${why})`,
      intact: false,
      passed: false,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatRow(row: DrillRow, index: number): string {
  return `${String(index + 1).padStart(2)}. ${row.passed ? 'PASS' : 'FAIL'} [${row.area}] ${row.fault} → ${row.did} → data intact: ${row.intact ? 'yes' : 'no'}`;
}

export function summaryLine(rows: readonly DrillRow[]): string {
  const passed = rows.filter((r) => r.passed).length;
  return `drills: ${passed} passed, ${rows.length - passed} failed`;
}
