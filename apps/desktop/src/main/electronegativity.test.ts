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
  type Finding,
} from '../../../../scripts/electronegativity-gate';

const repo = path.resolve(import.meta.dirname, '../../../..');
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
  const finding = (check: string, file: string): Finding => ({
    check,
    file,
    line: 1,
    level: 'warning',
    message: '',
  });

  it('matches allowlist entries by check id and file', () => {
    const allow = [
      { check: 'PRELOAD_JS_CHECK', file: 'apps/desktop/src/main/window.ts', reason: 'reviewed and fine' },
    ];
    const result = gate(
      [
        finding('PRELOAD_JS_CHECK', 'apps/desktop/src/main/window.ts'),
        finding('PRELOAD_JS_CHECK', 'apps/desktop/src/main/other.ts'),
      ],
      allow,
    );
    expect(result.allowed).toHaveLength(1);
    expect(result.unexplained.map((f) => f.file)).toEqual(['apps/desktop/src/main/other.ts']);
    expect(gate([], allow).stale).toEqual(allow);
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
      { check: 'X_CHECK', file: 'apps/desktop/src/main/a.ts', line: 7, level: 'error', message: 'm' },
    ]);
    expect(() => parseSarif('{}', 'apps/desktop')).toThrow(/not an electronegativity SARIF/);
  });

  it('demands a reason for every allowlist entry', async () => {
    expect(() => parseAllowlist('[{"check":"A","file":"b"}]')).toThrow(/reason/);
    expect(() => parseAllowlist('{}')).toThrow(/array/);
    expect(parseAllowlist(await readFile(allowlistFile, 'utf8')).length).toBeGreaterThan(0);
  });
});
