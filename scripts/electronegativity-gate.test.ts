import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  gate,
  parseAllowlist,
  parseSarif,
  runElectronegativity,
  withSnippets,
  type Finding,
} from './electronegativity-gate';

const repo = path.resolve(import.meta.dirname, '..');
const allowlistFile = path.join(repo, 'apps/desktop/electronegativity-allowlist.json');

function runGateCli(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/electronegativity.ts'], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('electronegativity gate (Electron security static analysis)', () => {
  it('apps/desktop has no finding the allowlist does not explain', { timeout: 90_000 }, async () => {
    const { code, output } = await runGateCli();
    expect(output).toMatch(/electronegativity: \d+ findings, \d+ allowed, 0 unexplained/);
    expect(code).toBe(0);
  });

  it('is not vacuous: an insecure window is reported and not explained', { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'eneg-fixture-'));
    try {
      await writeFile(
        path.join(dir, 'main.js'),
        "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } }).loadURL('http://example.com');\n",
      );
      const findings = await runElectronegativity(repo, dir);
      const checks = new Set(findings.map((f) => f.check));
      expect(checks).toContain('SANDBOX_JS_CHECK');
      expect(checks).toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
      expect(checks).toContain('CONTEXT_ISOLATION_JS_CHECK');
      expect(
        gate(findings, parseAllowlist(await readFile(allowlistFile, 'utf8'))).unexplained.length,
      ).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('gate logic', () => {
  const finding = (check: string, file: string, snippet: string, line = 1): Finding => ({
    check,
    file,
    line,
    level: 'warning',
    message: '',
    snippet,
  });
  const WINDOW = 'apps/desktop/src/main/window.ts';
  const reviewed = {
    check: 'PRELOAD_JS_CHECK',
    file: WINDOW,
    snippet: 'preload: options.preload,',
    reason: 'reviewed and fine',
  };

  it('explains a finding by check, file and snippet, wherever the line moved', () => {
    const result = gate([finding('PRELOAD_JS_CHECK', WINDOW, 'preload: options.preload,', 40)], [reviewed]);
    expect(result.allowed).toHaveLength(1);
    expect(result.unexplained).toEqual([]);
    expect(result.stale).toEqual([]);
  });

  it('does not let a new finding of the same check in the same file pass', () => {
    const result = gate(
      [
        finding('PRELOAD_JS_CHECK', WINDOW, 'preload: options.preload,', 25),
        finding('PRELOAD_JS_CHECK', WINDOW, "preload: path.join(__dirname, 'other.js'),", 60),
        finding('PRELOAD_JS_CHECK', 'apps/desktop/src/main/other.ts', 'preload: options.preload,'),
      ],
      [reviewed],
    );
    expect(result.allowed.map((f) => f.line)).toEqual([25]);
    expect(result.unexplained.map((f) => `${f.file}:${f.line}`)).toEqual([
      `${WINDOW}:60`,
      'apps/desktop/src/main/other.ts:1',
    ]);
  });

  it('one entry explains one finding: a copy of a reviewed line needs its own entry', () => {
    const twice = [
      finding('PRELOAD_JS_CHECK', WINDOW, 'preload: options.preload,', 25),
      finding('PRELOAD_JS_CHECK', WINDOW, 'preload: options.preload,', 70),
    ];
    expect(gate(twice, [reviewed]).unexplained.map((f) => f.line)).toEqual([70]);
    expect(gate(twice, [reviewed, { ...reviewed }]).unexplained).toEqual([]);
    expect(gate([], [reviewed]).stale).toEqual([reviewed]);
  });

  it('takes the snippet from the source line, whitespace collapsed', () => {
    const lines = ['const a = 1;', '      preload:   options.preload,  '];
    const [withLine, global] = withSnippets(
      [
        finding('PRELOAD_JS_CHECK', WINDOW, '', 2),
        { ...finding('LIMIT_NAVIGATION_GLOBAL_CHECK', 'N/A', ''), line: undefined },
      ],
      (file) => (file === WINDOW ? lines : undefined),
    );
    expect(withLine?.snippet).toBe('preload: options.preload,');
    expect(global?.snippet).toBe('');
  });

  it('reads SARIF with repo-relative paths and refuses anything that is not a report', () => {
    const sarif = JSON.stringify({
      runs: [
        {
          results: [
            {
              ruleId: 'X_CHECK',
              level: 'error',
              message: { text: 'm' },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: 'src/main/a.ts' }, region: { startLine: 7 } },
                },
              ],
            },
          ],
        },
      ],
    });
    expect(parseSarif(sarif, 'apps/desktop')).toEqual([
      {
        check: 'X_CHECK',
        file: 'apps/desktop/src/main/a.ts',
        line: 7,
        level: 'error',
        message: 'm',
        snippet: '',
      },
    ]);
    // A global finding without a location is written as `file:///`.
    const global = JSON.stringify({
      runs: [
        {
          results: [
            {
              ruleId: 'G',
              locations: [
                { physicalLocation: { artifactLocation: { uri: 'file:///' }, region: { startLine: 1 } } },
              ],
            },
          ],
        },
      ],
    });
    expect(parseSarif(global, 'apps/desktop')[0]).toMatchObject({ file: 'N/A', line: undefined });
    expect(() => parseSarif('{}', 'apps/desktop')).toThrow(/not an electronegativity SARIF/);
  });

  it('demands a snippet and a reason for every allowlist entry', async () => {
    expect(() => parseAllowlist('[{"check":"A","file":"b","snippet":"x"}]')).toThrow(/reason/);
    expect(() => parseAllowlist('[{"check":"A","file":"b","reason":"reviewed and fine"}]')).toThrow(
      /snippet/,
    );
    expect(() =>
      parseAllowlist('[{"check":"A","file":"b","snippet":"  ","reason":"reviewed and fine"}]'),
    ).toThrow(/snippet/);
    expect(() => parseAllowlist('{}')).toThrow(/array/);
    expect(parseAllowlist(await readFile(allowlistFile, 'utf8')).length).toBeGreaterThan(0);
  });
});
