import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Editor = CI: an editor checks a file with the nearest `tsconfig.json` above it (what tsserver
 * does), CI with the projects `pnpm typecheck` names. A file that no nearby `tsconfig.json`
 * includes is checked by an editor with default, non-strict options, so mistakes CI rejects
 * (an unchecked index, an implicit any) go unmarked while the file is written.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SKIPPED_DIRS = ['node_modules', 'out', 'dist', 'reports', 'test-results', 'playwright-report'];

interface Project {
  configFile: string;
  files: Set<string>;
  options: ts.CompilerOptions;
}

const projects = new Map<string, Project>();

function project(configFile: string): Project {
  let loaded = projects.get(configFile);
  if (loaded) return loaded;
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  const { configFilePath: _path, ...options } = parsed.options;
  loaded = { configFile, files: new Set(parsed.fileNames.map((f) => path.resolve(f))), options };
  projects.set(configFile, loaded);
  return loaded;
}

/** The `-p` projects of the `typecheck` and `typecheck:*` scripts, i.e. what CI checks. */
function ciProjects(): Project[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const script = Object.entries(manifest.scripts)
    .filter(([name]) => name === 'typecheck' || name.startsWith('typecheck:'))
    .map(([, command]) => command)
    .join('\n');
  const configs = [...script.matchAll(/tsc -p (\S+)/g)].map((m) => path.join(ROOT, m[1] as string));
  expect(configs.length).toBeGreaterThan(0);
  return configs.map(project);
}

function sourceFiles(): string[] {
  return ts.sys
    .readDirectory(
      ROOT,
      ['.ts', '.tsx', '.mts', '.cts'],
      SKIPPED_DIRS.flatMap((dir) => [dir, `**/${dir}`]),
    )
    .map((f) => path.resolve(f));
}

describe('every TypeScript file has an editor project with the CI flags', () => {
  it('the nearest tsconfig.json includes the file and checks it exactly as pnpm typecheck does', () => {
    const ci = ciProjects();
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const file of files) {
      const name = path.relative(ROOT, file);
      const inCi = ci.find((p) => p.files.has(file));
      if (!inCi) {
        problems.push(`${name}: not in any project of \`pnpm typecheck\``);
        continue;
      }
      const nearest = ts.findConfigFile(path.dirname(file), (f) => ts.sys.fileExists(f), 'tsconfig.json');
      const editor = nearest === undefined ? undefined : project(path.resolve(nearest));
      if (!editor?.files.has(file)) {
        problems.push(`${name}: its nearest tsconfig.json (${nearest ?? 'none'}) does not include it`);
        continue;
      }
      if (!isDeepStrictEqual(editor.options, inCi.options)) {
        problems.push(
          `${name}: ${path.relative(ROOT, editor.configFile)} options differ from ${path.relative(ROOT, inCi.configFile)}`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('the CI projects carry the strict flags of tsconfig.base.json', () => {
    for (const { configFile, options } of ciProjects()) {
      expect(options, configFile).toMatchObject({
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        verbatimModuleSyntax: true,
      });
    }
  });
});
