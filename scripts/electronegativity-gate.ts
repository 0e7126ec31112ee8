/**
 * The Electron security gate: runs @doyensec/electronegativity over apps/desktop and fails on any
 * finding that apps/desktop/electronegativity-allowlist.json does not explain. Electronegativity
 * itself exits 0 even with HIGH findings, so the gate reads its SARIF report.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const ELECTRON_VERSION = '45.5.0';

export interface Finding {
  check: string;
  /** Repo-relative, forward slashes; `N/A` for a global finding that has no source location. */
  file: string;
  line: number | undefined;
  level: string;
  /** Localized by electronegativity (en/fr/es): shown to people, never matched on. */
  message: string;
  /**
   * The trimmed source line the finding points at (what electronegativity itself reports as the
   * finding's sample for per-file checks), inner whitespace collapsed; '' when it has no source line.
   */
  snippet: string;
}

export interface AllowlistEntry {
  check: string;
  file: string;
  /** The finding's `snippet`, exactly: a new finding of the same check in the same file stays unexplained. */
  snippet: string;
  reason: string;
}

export interface GateResult {
  unexplained: Finding[];
  allowed: Finding[];
  /** Allowlist entries that matched nothing (worth deleting, not a failure). */
  stale: AllowlistEntry[];
}

interface SarifResult {
  ruleId?: string;
  level?: string;
  message?: { text?: string };
  locations?: {
    physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } };
  }[];
}

/** Electronegativity writes `file:///` as the location of a finding that has none. */
const NO_LOCATION = new Set(['N/A', 'file:///', '']);

const collapse = (text: string): string => text.trim().replace(/\s+/g, ' ');

/**
 * SARIF 2.1 from electronegativity (run with `-r`: paths relative to `scannedDir`). Throws on
 * anything else. Snippets are left empty: SARIF has no source text (see `withSnippets`).
 */
export function parseSarif(text: string, scannedDir: string): Finding[] {
  const sarif = JSON.parse(text) as { runs?: { results?: SarifResult[] }[] };
  const run = sarif.runs?.[0];
  if (run === undefined || !Array.isArray(run.results))
    throw new Error('not an electronegativity SARIF report (no runs[0].results)');
  return run.results.map((result) => {
    const location = result.locations?.[0]?.physicalLocation;
    const uri = location?.artifactLocation?.uri ?? 'N/A';
    const file = NO_LOCATION.has(uri)
      ? 'N/A'
      : path.posix.join(scannedDir.split(path.sep).join('/'), uri.split('\\').join('/'));
    return {
      check: result.ruleId ?? 'UNKNOWN',
      file,
      line: file === 'N/A' ? undefined : location?.region?.startLine,
      level: result.level ?? 'unknown',
      message: result.message?.text ?? '',
      snippet: '',
    };
  });
}

/** Fills each finding's snippet from its file's lines (`sourceLines` of a repo-relative path). */
export function withSnippets(
  findings: readonly Finding[],
  sourceLines: (file: string) => readonly string[] | undefined,
): Finding[] {
  return findings.map((f) => {
    const source = f.line === undefined ? undefined : sourceLines(f.file)?.[f.line - 1];
    return { ...f, snippet: source === undefined ? '' : collapse(source) };
  });
}

export function parseAllowlist(text: string): AllowlistEntry[] {
  const entries = JSON.parse(text) as unknown;
  if (!Array.isArray(entries)) throw new Error('the allowlist must be a JSON array');
  return entries.map((entry: unknown, i) => {
    const e = entry as Partial<AllowlistEntry>;
    if (
      typeof e.check !== 'string' ||
      typeof e.file !== 'string' ||
      typeof e.snippet !== 'string' ||
      collapse(e.snippet) === '' ||
      typeof e.reason !== 'string' ||
      e.reason.trim().length < 10
    ) {
      throw new Error(`allowlist entry ${i} needs check, file, the finding's snippet and a real reason`);
    }
    return { check: e.check, file: e.file, snippet: collapse(e.snippet), reason: e.reason };
  });
}

/**
 * Each entry explains at most one finding: same check, same file, same snippet (lines move when
 * code is edited above; the construct that was reviewed does not). A second finding of the same
 * check in the same file, even on an identical line, needs an entry (a review) of its own.
 */
export function gate(findings: readonly Finding[], allowlist: readonly AllowlistEntry[]): GateResult {
  const unused = [...allowlist];
  const allowed: Finding[] = [];
  const unexplained: Finding[] = [];
  for (const f of findings) {
    const i = unused.findIndex(
      (a) => a.check === f.check && a.file === f.file && collapse(a.snippet) === f.snippet,
    );
    if (i === -1) unexplained.push(f);
    else {
      allowed.push(f);
      unused.splice(i, 1);
    }
  }
  return { unexplained, allowed, stale: unused };
}

/**
 * Runs electronegativity over `scannedDir` (relative to `repoRoot`) and returns its findings.
 * AvailableSecurityFixesGlobalCheck is skipped: it downloads Electron's release list, so its verdict
 * changes overnight without a commit; Electron upgrades are tracked by dependency updates instead.
 */
export async function runElectronegativity(
  repoRoot: string,
  scannedDir: string,
  timeoutMs = 120_000,
): Promise<Finding[]> {
  const requireFromRoot = createRequire(path.join(repoRoot, 'package.json'));
  const pkgFile = requireFromRoot.resolve('@doyensec/electronegativity/package.json');
  const { bin } = JSON.parse(await readFile(pkgFile, 'utf8')) as { bin: Record<string, string> };
  const cli = path.join(path.dirname(pkgFile), bin['electronegativity'] ?? 'dist/index.js');

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'electronegativity-'));
  const report = path.join(tmp, 'report.sarif');
  try {
    const args = [
      cli,
      '-i',
      scannedDir,
      '-e',
      ELECTRON_VERSION,
      '-o',
      report,
      '-r',
      '-x',
      'AvailableSecurityFixesGlobalCheck',
    ];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`electronegativity did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(text);
        else reject(new Error(`electronegativity exited with ${code}:\n${text.slice(-2000)}`));
      });
    });
    // No report means no scan: fail closed rather than pass on nothing.
    const sarif = await readFile(report, 'utf8').catch(() => {
      throw new Error(`electronegativity wrote no report:\n${output.slice(-2000)}`);
    });
    const findings = parseSarif(sarif, scannedDir);
    const lines = new Map<string, readonly string[] | undefined>();
    for (const file of new Set(findings.map((f) => f.file))) {
      const text =
        file === 'N/A'
          ? undefined
          : await readFile(path.resolve(repoRoot, file), 'utf8').catch(() => undefined);
      lines.set(file, text?.split(/\r?\n/));
    }
    return withSnippets(findings, (file) => lines.get(file));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
