/**
 * Crash-safe file replacement for the small JSON files desk-core keeps in `userData`
 * (settings, vault, PIN state, provisioning file). A POS terminal loses power mid-shift; after a
 * reboot every file must be either the old complete version or the new complete version.
 *
 * The replacement itself is `write-file-atomic` (through the FsPort): temp file in the REAL
 * target's folder (a symlink is resolved, so the link keeps reaching the new content and no old
 * copy stays behind under the target's name), fsync, mode and owner kept, rename. What it lacks
 * is kept here: the previous version as `<file>.bak`, and an fsync of the folder so the rename
 * itself survives a power cut (Windows cannot fsync a folder; NTFS journals the rename).
 */
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { type FsPort, nodeFs } from './fs-port';

/** Test seams for crash simulation: a child process kills itself at one of these points. */
export interface AtomicWriteHooks {
  /** The temp file exists beside the target; the target is untouched. */
  afterTempCreated?: (tempFile: string) => void;
  /** The target now has the new content. */
  afterRename?: (file: string) => void;
}

export interface AtomicWriteOptions {
  /** File mode, e.g. 0o600 for secrets. Applied to the temp file, so the target never exists with looser bits. Without it an existing file keeps its mode. */
  mode?: number;
  /** Before replacing, copy the current file to `<file>.bak` (itself atomically). */
  backup?: boolean;
  hooks?: AtomicWriteHooks;
  fs?: FsPort;
}

/** Temp names: write-file-atomic's `<file>.<number>`, and `<file>.<pid>-<hex>.tmp` from older builds. */
const TEMP_NAME = /^\.(\d+|\d+-[0-9a-f]+\.tmp)$/;

/** fsync a directory so a rename in it survives power loss; not possible on Windows (EPERM/EISDIR), harmless to skip. */
async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // Some file systems (network shares, some FUSE mounts) refuse; the rename already happened.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export async function writeFileAtomic(
  file: string,
  data: string | Buffer,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const port = options.fs ?? nodeFs;
  if (options.backup) {
    const current = await readIfExists(file, port);
    if (current !== undefined) await port.writeAtomic(`${file}.bak`, current, withMode(options.mode));
  }
  const created = options.hooks?.afterTempCreated;
  await port.writeAtomic(file, data, {
    ...withMode(options.mode),
    ...(created ? { tmpfileCreated: created } : {}),
  });
  const real = await port.realpath(file).catch(() => file);
  await fsyncDir(path.dirname(real));
  options.hooks?.afterRename?.(file);
}

const withMode = (mode: number | undefined): { mode?: number } => (mode === undefined ? {} : { mode });

/**
 * Removes temp files a crash left behind (`<file>.<pid>-<rand>.tmp`, also for `<file>.bak`).
 * They never hold the only copy of anything: the target or its backup is still complete.
 */
export async function removeStaleTemps(file: string, port: FsPort = nodeFs): Promise<void> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = await port.readdir(dir);
  } catch {
    return;
  }
  const stale = names.filter((name) =>
    [base, `${base}.bak`].some(
      (prefix) => name.startsWith(prefix) && TEMP_NAME.test(name.slice(prefix.length)),
    ),
  );
  await Promise.all(stale.map((name) => port.rm(path.join(dir, name)).catch(() => undefined)));
}

/**
 * Moves a broken file aside as `<file>.corrupt-<timestamp>` instead of deleting it: a manager's
 * hand edit or a half-written file may still hold something IT wants back. Returns the new path.
 */
export async function setAside(file: string, at: Date, port: FsPort = nodeFs): Promise<string | undefined> {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  for (let n = 0; n < 100; n++) {
    const target = `${file}.corrupt-${stamp}${n === 0 ? '' : `-${n}`}`;
    if (await exists(target, port)) continue;
    try {
      await port.rename(file, target);
    } catch {
      // Renaming can fail where copying works (Windows: a scanner or backup tool holds the file open).
      try {
        await port.copyFile(file, target, constants.COPYFILE_EXCL);
      } catch {
        return undefined;
      }
    }
    await fsyncDir(path.dirname(file));
    return target;
  }
  return undefined;
}

async function exists(file: string, port: FsPort): Promise<boolean> {
  try {
    await port.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** Reads a file; `undefined` when it does not exist (any other error is thrown). */
export async function readIfExists(file: string, port: FsPort = nodeFs): Promise<Buffer | undefined> {
  try {
    return await port.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * JSON.parse without its message: V8 quotes a slice of the input in it, and some of our files
 * hold secrets (a provisioning file, the vault). Only the position survives.
 */
export function parseJsonSafely(raw: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  // Windows Notepad and some MDM tools save UTF-8 with a BOM, which JSON.parse rejects.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = String((error as Error).message);
    if (text.trim() === '') return { ok: false, problem: 'the file is empty' };
    const truncated = { ok: false as const, problem: 'not valid JSON: it ends too early (truncated?)' };
    if (message.includes('Unexpected end')) return truncated;
    const position = /position (\d+)/.exec(message)?.[1];
    if (position === undefined) return { ok: false, problem: 'not valid JSON' };
    if (Number(position) >= text.trimEnd().length - 1) return truncated;
    const before = text.slice(0, Number(position));
    const line = before.split('\n').length;
    const column = Number(position) - before.lastIndexOf('\n');
    return { ok: false, problem: `not valid JSON at line ${line}, column ${column}` };
  }
}

/**
 * The bytes of `files` as they are now, and a function that puts exactly those bytes back:
 * a file that did not exist is removed, an unchanged one is not rewritten (one write fewer that
 * could fail on a full disk). Used to undo a multi-file change; throws on the first failed write.
 */
export async function captureFiles(
  files: readonly string[],
  port: FsPort = nodeFs,
  mode?: number,
): Promise<() => Promise<void>> {
  const before = await Promise.all(files.map((file) => readIfExists(file, port)));
  return async () => {
    for (const [index, file] of files.entries()) {
      const old = before[index];
      const now = await readIfExists(file, port).catch(() => null);
      if (old === undefined) {
        if (now !== undefined) await port.rm(file);
      } else if (now === null || now === undefined || !now.equals(old)) {
        await port.writeAtomic(file, old, withMode(mode));
      }
    }
  };
}
