/**
 * Where a provisioning file comes from: `--provision <file>` / `--provision=<file>` on the command
 * line (IT's push script), else the first existing well-known path (an MDM drops the file there;
 * apps/desktop passes `<userData>/provision.json` and, on Windows, `%ProgramData%\BalanceDesk\provision.json`).
 */
import type { Notice } from '@balance-desk/contract';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../ports';
import type { ProvisionReport } from './provisioning';

export interface FindProvisioningOptions {
  argv: readonly string[];
  wellKnownPaths: readonly string[];
  /** Resolves a relative `--provision` path; defaults to process.cwd(). */
  cwd?: string;
  logger?: Logger;
}

export interface ProvisioningSource {
  file: string;
  source: 'argument' | 'well-known';
}

function fromArgv(argv: readonly string[], logger: Logger | undefined): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--provision=')) return arg.slice('--provision='.length) || undefined;
    if (arg === '--provision') {
      const next = argv[i + 1];
      if (next !== undefined && next !== '' && !next.startsWith('--')) return next;
      logger?.warn('provisioning: --provision was given without a file');
      return undefined;
    }
  }
  return undefined;
}

/** The file to provision from, or undefined. An argument wins even if its file is missing (provisionFromFile then reports it). */
export async function findProvisioningFile(
  options: FindProvisioningOptions,
): Promise<ProvisioningSource | undefined> {
  const arg = fromArgv(options.argv, options.logger);
  if (arg !== undefined) return { file: path.resolve(options.cwd ?? process.cwd(), arg), source: 'argument' };
  for (const candidate of options.wellKnownPaths) {
    try {
      if ((await fs.stat(candidate)).isFile()) return { file: candidate, source: 'well-known' };
    } catch {
      // Not there: try the next one.
    }
  }
  return undefined;
}

/** The banner for a provisioning run: which file, and the fields or errors (never values). */
export function provisioningNotice(result: ProvisionReport, file: string, at: Date): Notice {
  return result.ok
    ? {
        code: 'provisioning-applied',
        detail: `${file}: ${result.applied.join(', ')}${result.warnings.length ? `; ${result.warnings.join('; ')}` : ''}`,
        at: at.toISOString(),
      }
    : {
        code: 'provisioning-failed',
        detail: `${file}: ${result.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
        at: at.toISOString(),
      };
}
