/**
 * Crash-safe file replacement for the small JSON files desk-core keeps in `userData`
 * (settings, vault, PIN state, provisioning file). A POS terminal loses power mid-shift; after a
 * reboot every file must be either the old complete version or the new complete version.
 *
 * Recipe: write a temp file in the SAME directory (rename is only atomic within one file system)
 * → fsync it (the data is on disk before the name points at it) → rename over the target →
 * fsync the directory (the rename itself is on disk). Windows cannot fsync a directory; NTFS
 * journals the rename, so that step is skipped there.
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';

/** Test seams for crash simulation: a child process kills itself at one of these points. */
export interface AtomicWriteHooks {
  /** The temp file is complete and fsynced; the target is untouched. */
  afterTempWrite?: (tempFile: string) => void;
  /** The target now has the new content. */
  afterRename?: (file: string) => void;
}

export interface AtomicWriteOptions {
  /** File mode for a new file, e.g. 0o600 for secrets. Applied to the temp file, so the target never exists with looser bits. */
  mode?: number;
  /** Before replacing, copy the current file to `<file>.bak` (itself atomically). */
  backup?: boolean;
  hooks?: AtomicWriteHooks;
}

const TEMP_SUFFIX = '.tmp';

function tempNameFor(file: string): string {
  return `${file}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
}

/** fsync a directory so a rename in it survives power loss; not possible on Windows (EPERM/EISDIR), harmless to skip. */
export async function fsyncDir(dir: string): Promise<void> {
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

/**
 * Windows refuses a rename for a moment while an antivirus or backup agent has the target open
 * (EPERM/EBUSY/EACCES); retry briefly, as graceful-fs does. Elsewhere rename either works or not.
 */
async function rename(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const transient =
        process.platform === 'win32' && (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES');
      if (!transient || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

async function writeTemp(tempFile: string, data: string | Buffer, mode: number): Promise<void> {
  // `wx`: never follow or reuse an existing path at the temp name.
  const handle = await fs.open(tempFile, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/** Copies `file` to `<file>.bak` through a temp file + rename, so `.bak` is always complete too. */
async function rotateBackup(file: string, mode: number): Promise<void> {
  if (!(await exists(file))) return;
  const current = await fs.readFile(file);
  const backup = `${file}.bak`;
  const temp = tempNameFor(backup);
  try {
    await writeTemp(temp, current, mode);
    await rename(temp, backup);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

export async function writeFileAtomic(
  file: string,
  data: string | Buffer,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o644;
  const dir = path.dirname(file);
  if (options.backup) await rotateBackup(file, mode);
  const temp = tempNameFor(file);
  try {
    await writeTemp(temp, data, mode);
    options.hooks?.afterTempWrite?.(temp);
    await rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  // rename keeps the temp file's mode; an existing target with looser bits is replaced, not chmod-ed.
  await fsyncDir(dir);
  options.hooks?.afterRename?.(file);
}

/**
 * Removes temp files a crash left behind (`<file>.<pid>-<rand>.tmp`, also for `<file>.bak`).
 * They never hold the only copy of anything: the target or its backup is still complete.
 */
export async function removeStaleTemps(file: string): Promise<void> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  const stale = names.filter(
    (name) => name.endsWith(TEMP_SUFFIX) && (name.startsWith(`${base}.`) || name.startsWith(`${base}.bak.`)),
  );
  await Promise.all(stale.map((name) => fs.rm(path.join(dir, name), { force: true }).catch(() => undefined)));
}

/**
 * Moves a broken file aside as `<file>.corrupt-<timestamp>` instead of deleting it: a manager's
 * hand edit or a half-written file may still hold something IT wants back. Returns the new path.
 */
export async function setAside(file: string, at: Date): Promise<string | undefined> {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  for (let n = 0; n < 100; n++) {
    const target = `${file}.corrupt-${stamp}${n === 0 ? '' : `-${n}`}`;
    if (await exists(target)) continue;
    try {
      await fs.rename(file, target);
    } catch {
      // Renaming can fail where copying works (Windows: a scanner or backup tool holds the file open).
      try {
        await fs.copyFile(file, target, constants.COPYFILE_EXCL);
      } catch {
        return undefined;
      }
    }
    await fsyncDir(path.dirname(file));
    return target;
  }
  return undefined;
}

/** Reads a file; `undefined` when it does not exist (any other error is thrown). */
export async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
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
