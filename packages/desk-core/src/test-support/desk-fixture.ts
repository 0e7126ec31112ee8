import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDesk, type Desk, type DeskOptions } from '../desk/desk';
import { createDevCipher } from '../storage/vault/dev-cipher';
import type { SecretCipher } from '../storage/vault/vault';
import { memoryLogger } from './memory-ports';

export const CHEAP_PIN_COST = { N: 2 ** 10, r: 8, p: 1 };

export async function tmpDir(prefix = 'desk-core-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface DeskFixture {
  desk: Desk;
  dir: string;
  logger: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

/** A real Desk on a tmp data dir with the file vault (dev cipher), cheap PIN hashing and a capturing logger. */
export async function startDesk(
  options: Omit<Partial<DeskOptions>, 'cipher'> & { cipher?: SecretCipher | null } = {},
): Promise<DeskFixture> {
  const { cipher, ...rest } = options;
  const tmp = await tmpDir();
  const logger = memoryLogger();
  const desk = await createDesk({
    dataDir: tmp.dir,
    ...(cipher === null ? {} : { cipher: cipher ?? createDevCipher(path.join(tmp.dir, 'dev-cipher.key')) }),
    version: '9.9.9-test',
    argv: [],
    wellKnownProvisionPaths: [],
    logger,
    pinCost: CHEAP_PIN_COST,
    lookup: { retry: { delaysMs: [5, 10] } },
    ...rest,
  });
  return {
    desk,
    dir: tmp.dir,
    logger,
    async close() {
      await desk.close();
      await tmp.remove();
    },
  };
}

/** Every file under `dir` except the given base names, as text (for "no secret on disk" checks). */
export async function readAllFiles(
  dir: string,
  except: readonly string[],
): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const name of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, name);
    if (except.includes(path.basename(file)) || !(await stat(file)).isFile()) continue;
    out.push({ file, text: await readFile(file, 'latin1') });
  }
  return out;
}

/** Sets a first PIN (no session needed on first run) and returns a manager token. */
export async function managerToken(desk: Desk, pin = '246810'): Promise<string> {
  const status = await desk.call('settings:get', {});
  if (!status.hasManagerPin) {
    const set = await desk.call('pin:set', { newPin: pin });
    if (set.kind !== 'ok') throw new Error(`pin:set failed: ${set.kind}`);
  }
  const verified = await desk.call('pin:verify', { pin });
  if (verified.kind !== 'ok') throw new Error(`pin:verify failed: ${verified.kind}`);
  return verified.managerToken;
}
