/**
 * The file-system calls desk-core's stores make, behind one thin port over `node:fs/promises`.
 * The app always uses `nodeFs`; tests and `pnpm drill` pass a port that fails a chosen write
 * (ENOSPC, EROFS, EACCES, EIO) to prove that every step of a multi-file change can be undone.
 *
 * Only the mutating calls (`writeAtomic`, `writeFile`, `rename`, `rm`, `mkdir`, `copyFile`) are
 * "writes"; reads pass through.
 */
import type { Stats } from 'node:fs';
import { constants, promises as fs } from 'node:fs';
import writeFileAtomicLib from 'write-file-atomic';
import { errorName } from '../../util/error-name';

interface AtomicWriteCall {
  /** File mode; without it an existing file's mode (and, as root, its owner) is kept. */
  mode?: number;
  /** Called once the temp file exists, before it is renamed over the target (crash tests). */
  tmpfileCreated?: (tmpfile: string) => void;
}

type LimitedRead = { kind: 'ok'; data: Buffer } | { kind: 'too-big'; size: number };

export interface FsPort {
  readFile(file: string): Promise<Buffer>;
  /** Reads at most `maxBytes`; a larger file is not read at all (checked on the open handle). */
  readFileLimited(file: string, maxBytes: number): Promise<LimitedRead>;
  stat(file: string): Promise<Stats>;
  lstat(file: string): Promise<Stats>;
  realpath(file: string): Promise<string>;
  readdir(dir: string): Promise<string[]>;
  /**
   * Replaces `file` through a temp file in the REAL target's folder (symlinks are resolved, so a
   * link keeps pointing at the new content), fsynced, keeping mode and owner: `write-file-atomic`.
   */
  writeAtomic(file: string, data: string | Buffer, options?: AtomicWriteCall): Promise<void>;
  /** A plain write (`flag: 'wx'` creates only). */
  writeFile(file: string, data: string | Buffer, options: { flag?: string; mode?: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string): Promise<void>;
  mkdir(dir: string): Promise<void>;
  copyFile(from: string, to: string, mode?: number): Promise<void>;
}

export const nodeFs: FsPort = {
  readFile: (file) => fs.readFile(file),
  async readFileLimited(file, maxBytes) {
    const handle = await fs.open(file, constants.O_RDONLY);
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) return { kind: 'too-big', size };
      // Read one byte past the cap: a file that grows after the stat is still caught.
      const buffer = Buffer.alloc(maxBytes + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length > maxBytes) return { kind: 'too-big', size: length };
      }
      return { kind: 'ok', data: buffer.subarray(0, length) };
    } finally {
      await handle.close();
    }
  },
  stat: (file) => fs.stat(file),
  lstat: (file) => fs.lstat(file),
  realpath: (file) => fs.realpath(file),
  readdir: (dir) => fs.readdir(dir),
  async writeAtomic(file, data, options = {}) {
    const call = (): Promise<void> =>
      writeFileAtomicLib(file, data, {
        ...(options.mode !== undefined ? { mode: options.mode } : {}),
        ...(options.tmpfileCreated ? { tmpfileCreated: options.tmpfileCreated } : {}),
      });
    // Windows refuses the rename for a moment while an antivirus or backup agent has the target
    // open (EPERM/EBUSY/EACCES); write-file-atomic does not retry, graceful-fs-style retries do.
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const code = errnoCode(error);
        const transient =
          process.platform === 'win32' && (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES');
        if (!transient || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      }
    }
  },
  writeFile: (file, data, options) => fs.writeFile(file, data, options),
  rename: (from, to) => fs.rename(from, to),
  rm: (file) => fs.rm(file, { force: true }),
  mkdir: async (dir) => void (await fs.mkdir(dir, { recursive: true })),
  copyFile: (from, to, mode) => fs.copyFile(from, to, mode),
};

/** The write-failure codes the fault drills inject, and a plain reading of each for reports. */
export const WRITE_FAULT_CODES = ['ENOSPC', 'EROFS', 'EACCES', 'EIO'] as const;
export type WriteFaultCode = (typeof WRITE_FAULT_CODES)[number];

const CAUSES: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'disk input/output error',
  ENAMETOOLONG: 'the path is too long',
  EBUSY: 'the file is in use',
};

/** `ENOSPC (the disk is full)`; the errno code alone for the rest; never a message (it may quote a path with a secret-looking name). */
export function describeFsError(error: unknown): string {
  const code = errnoCode(error);
  if (code === undefined) return errorName(error, 'error');
  const cause = CAUSES[code];
  return cause ? `${code}: ${cause}` : code;
}

export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** A failure that says "this place cannot be written" (permissions, a read-only mount), not "the disk broke". */
export function isNotWritableHere(error: unknown): boolean {
  const code = errnoCode(error);
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
}

function fsError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: injected fault, ${syscall}`);
  error.code = code;
  error.syscall = syscall;
  error.path = file;
  return error;
}

const WRITES = ['writeAtomic', 'writeFile', 'rename', 'rm', 'mkdir', 'copyFile'] as const;
export type WriteOp = (typeof WRITES)[number];

export interface FaultyFs extends FsPort {
  /** Every write attempted so far (op and path), failed or not. */
  readonly writes: { op: WriteOp; file: string }[];
}

/**
 * A port that fails chosen writes: `failAt(n, file)` is asked before the n-th write (1-based) and
 * returns an errno code to fail it with, or undefined to let it through.
 */
export function faultyFs(
  failAt: (n: number, op: WriteOp, file: string) => string | undefined,
  base: FsPort = nodeFs,
): FaultyFs {
  const writes: { op: WriteOp; file: string }[] = [];
  const port: FsPort = { ...base };
  for (const op of WRITES) {
    const real = base[op].bind(base) as (file: string, ...rest: unknown[]) => Promise<void>;
    (port as unknown as Record<string, unknown>)[op] = async (file: string, ...rest: unknown[]) => {
      writes.push({ op, file });
      const code = failAt(writes.length, op, file);
      if (code !== undefined) throw fsError(code, op, file);
      return real(file, ...rest);
    };
  }
  return Object.assign(port, { writes });
}
