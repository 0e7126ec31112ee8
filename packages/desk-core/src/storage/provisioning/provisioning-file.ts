import { isPlainObject, prototypeKeyPath } from '../../util/plain-object';
import { parseJsonSafely } from '../files/atomic-file';
import { type FsPort, describeFsError, errnoCode } from '../files/fs-port';
import type { ProvisioningError } from './provisioning-schema';

/** A provisioning file is a page of JSON; anything near this size is a mistake (a log, an image), not read at all. */
const PROVISIONING_MAX_BYTES = 1024 * 1024;

export interface ReadFile {
  raw: Record<string, unknown>;
  /** The path given is a symbolic link (to `real`). */
  isLink: boolean;
  real: string;
  /** Hard links to the real file (other names that would keep the old content after a rewrite). */
  links: number;
}

export async function readFileObject(
  file: string,
  port: FsPort,
): Promise<{ ok: true; file: ReadFile } | { ok: false; errors: ProvisioningError[] }> {
  const problem = (message: string) => ({ ok: false as const, errors: [{ path: '$', message }] });
  let isLink = false;
  let real = file;
  try {
    isLink = (await port.lstat(file)).isSymbolicLink();
    if (isLink) real = await port.realpath(file);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT')
      return problem(isLink ? 'is a link to a file that does not exist' : 'the file does not exist');
    return problem(`cannot read the file (${describeFsError(error)})`);
  }
  let links: number;
  let read: Awaited<ReturnType<FsPort['readFileLimited']>>;
  try {
    const stats = await port.stat(real);
    if (!stats.isFile()) return problem('is not a regular file');
    links = stats.nlink;
    read = await port.readFileLimited(real, PROVISIONING_MAX_BYTES);
  } catch (error) {
    return problem(`cannot read the file (${describeFsError(error)})`);
  }
  if (read.kind === 'too-big') {
    return problem(
      `the file is ${read.size} bytes, more than the ${PROVISIONING_MAX_BYTES} a provisioning file may have; it was not read (is it the right file?)`,
    );
  }
  const json = parseJsonSafely(read.data.toString('utf8'));
  if (!json.ok) return problem(json.problem);
  if (!isPlainObject(json.value)) return problem('must be a JSON object { … }');
  const prototypeKey = prototypeKeyPath(json.value);
  if (prototypeKey !== undefined)
    return { ok: false, errors: [{ path: prototypeKey, message: 'is not a known field' }] };
  return { ok: true, file: { raw: json.value, isLink, real, links } };
}

/** Removes the secrets and PIN from the file, keeping everything else as IT wrote it (and its mode and owner). */
export async function eraseSecrets(
  file: string,
  raw: Record<string, unknown>,
  now: Date,
  port: FsPort,
): Promise<void> {
  const { appSecret: _s, sessionKey: _k, managerPin: _p, proxyCredentials: _c, ...rest } = raw;
  const next = { ...rest, provisionedAt: now.toISOString(), secretsMovedToVault: true };
  // write-file-atomic resolves a symlink and replaces its target, so no name that reaches the file keeps the old text.
  await port.writeAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
}
