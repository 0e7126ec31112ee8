/**
 * `pnpm package:check` — builds the Linux packages with electron-builder exactly as `pnpm package`
 * configures them, but against a stand-in Electron distribution (no download), then inspects what
 * came out. Run after `pnpm build` (the npm script does that).
 *
 * - `dir` target, built for real: the app.asar holds only `out/**` and `package.json`, the
 *   executable is named as documented, the fuses are set in the binary, the kiosk examples are
 *   there.
 * - `deb` and `AppImage` targets: electron-builder runs its whole validation and computes every
 *   fpm argument (which is where "Please specify project homepage" comes from), then stops before
 *   the packaging tool, which it would download from GitHub. The control fields, the payload
 *   mapping and the artifact file names are checked from those arguments.
 * - `--with-fpm` (a machine with internet, or `CUSTOM_FPM_PATH`/`USE_SYSTEM_FPM=true`): the .deb
 *   is really built and read back with `dpkg-deb`.
 *
 * Exit 0 when every check passes; 1 with one line per failed check.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type * as ElectronBuilder from 'electron-builder';
import config from '../apps/desktop/electron-builder.config';
import {
  type CheckResult,
  checkAsarEntries,
  parseFpmArgs,
  readFuses,
  writeStandInElectron,
} from './package-check-lib';

const repo = path.resolve(__dirname, '..');
const requireFromRoot = createRequire(path.join(repo, 'package.json'));
// electron-builder's own copy of @electron/asar: the archive is read by the code that wrote it.
const requireFromBuilder = createRequire(
  createRequire(requireFromRoot.resolve('electron-builder')).resolve('app-builder-lib/package.json'),
);
const builder = requireFromRoot('electron-builder') as typeof ElectronBuilder;
const asar = requireFromBuilder('@electron/asar') as {
  listPackage(archive: string, options: object): string[];
};

const check = (name: string, ok: boolean, detail: string): CheckResult => ({ name, ok, detail });

async function main(): Promise<number> {
  const withFpm = process.argv.includes('--with-fpm');
  const pkg = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as {
    version: string;
    homepage?: string;
    license?: string;
  };
  const electronVersion = (
    JSON.parse(await readFile(requireFromRoot.resolve('electron/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  await stat(path.join(repo, 'out/main/index.js')).catch(() => {
    throw new Error('out/ is missing: run `pnpm build` first (or `pnpm package:check`, which does)');
  });

  const work = await mkdtemp(path.join(os.tmpdir(), 'bd-package-check-'));
  const results: CheckResult[] = [];
  try {
    const electronDist = path.join(work, 'electron-dist');
    await writeStandInElectron(electronDist, electronVersion);
    const output = path.join(work, 'dist');
    const started: string[] = [];
    const fpmCalls: string[][] = [];
    const appImageDesktop: unknown[] = [];
    const afterInstall: string[] = [];

    const t0 = Date.now();
    await builder.build({
      projectDir: repo,
      targets: builder.Platform.LINUX.createTarget(
        withFpm ? ['dir', 'deb'] : ['dir', 'deb', 'AppImage'],
        builder.Arch.x64,
      ),
      publish: 'never',
      config: {
        ...structuredClone(config),
        electronDist,
        electronVersion,
        directories: { ...config.directories, output },
        artifactBuildStarted: (event: { file: string }) => {
          started.push(path.basename(event.file));
        },
      },
      ...(withFpm
        ? {}
        : {
            // Called by the deb target with its fpm arguments and by AppImage with its desktop
            // entry, right before each would fetch its tool from GitHub: true = stop there.
            effectiveOptionComputed: async (options: unknown) => {
              if (Array.isArray(options) && Array.isArray(options[0])) {
                const args = options[0] as string[];
                fpmCalls.push(args);
                // electron-builder deletes its temp scripts when the build ends: read it now.
                const script = args[args.indexOf('--after-install') + 1];
                if (script !== undefined) afterInstall.push(await readFile(script, 'utf8'));
              } else appImageDesktop.push(options);
              return true;
            },
          }),
    });
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);

    // --- dir target: the unpacked app as the .deb installs it into /opt/BalanceDesk ---
    const unpacked = path.join(output, 'linux-unpacked');
    const files = await readdir(unpacked);
    const exe = config.linux.executableName;
    results.push(check(`executable is ${exe}`, files.includes(exe), files.join(', ')));
    results.push(
      check('the stand-in electron binary was renamed', !files.includes('electron'), files.join(', ')),
    );
    results.push(
      check(
        'chrome-sandbox ships next to it (the .deb makes it setuid where AppArmor does not apply)',
        files.includes('chrome-sandbox'),
        files.join(', '),
      ),
    );
    const archive = path.join(unpacked, 'resources', 'app.asar');
    results.push(checkAsarEntries(asar.listPackage(archive, { isPack: false })));
    const resources = await readdir(path.join(unpacked, 'resources'));
    results.push(
      check(
        "resources/ has only app.asar and the .deb's AppArmor profile (nothing unpacked, no default_app)",
        resources.every((f) => f === 'app.asar' || f === 'apparmor-profile'),
        resources.join(', '),
      ),
    );
    const fuses = readFuses(await readFile(path.join(unpacked, exe)));
    const wanted = config.electronFuses as Record<string, boolean>;
    const wrongFuses = Object.entries(wanted).filter(([name, value]) => fuses?.[name] !== value);
    results.push(
      check(
        'fuses set in the binary as configured',
        fuses !== undefined && wrongFuses.length === 0,
        fuses === undefined
          ? 'no fuse wire found'
          : wrongFuses.length
            ? `wrong: ${wrongFuses.map(([n]) => n).join(', ')}`
            : JSON.stringify(fuses),
      ),
    );
    for (const example of ['balancedesk-kiosk.service', 'logind-balancedesk.conf']) {
      const shipped = await readFile(path.join(unpacked, 'kiosk', example), 'utf8').catch(() => undefined);
      const source = await readFile(path.join(repo, 'apps/desktop/build/linux', example), 'utf8');
      results.push(
        check(
          `kiosk/${example} ships unchanged`,
          shipped === source,
          shipped === undefined ? 'missing' : 'differs',
        ),
      );
    }

    // --- artifact names, as docs/DEPLOYMENT.md lists them ---
    const expectedNames = [
      `BalanceDesk-${pkg.version}-amd64.deb`,
      ...(withFpm ? [] : [`BalanceDesk-${pkg.version}-x86_64.AppImage`]),
    ];
    results.push(
      check(
        'artifact names',
        expectedNames.every((n) => started.includes(n)),
        `expected ${expectedNames.join(', ')}; electron-builder named ${started.join(', ') || 'nothing'}`,
      ),
    );
    const deployment = await readFile(path.join(repo, 'docs/DEPLOYMENT.md'), 'utf8');
    const documented = expectedNames.map((n) => n.replace(pkg.version, '<version>'));
    const undocumented = documented.filter((n) => !deployment.includes(n));
    results.push(
      check(
        'docs/DEPLOYMENT.md uses these names',
        undocumented.length === 0,
        undocumented.join(', ') || 'ok',
      ),
    );

    // --- deb control fields ---
    const expectedControl: Record<string, string> = {
      Package: exe,
      Version: pkg.version,
      Architecture: 'amd64',
      Maintainer: config.linux.maintainer,
      Homepage: pkg.homepage ?? '(none)',
      License: pkg.license ?? '(none)',
    };
    let control: Record<string, string> | undefined;
    let payload: string[] = [];
    if (withFpm) {
      const deb = path.join(output, `BalanceDesk-${pkg.version}-amd64.deb`);
      const run = promisify(execFile);
      const fields = (await run('dpkg-deb', ['-f', deb])).stdout;
      control = Object.fromEntries(
        fields
          .split('\n')
          .map((line) => /^([A-Za-z-]+): (.*)$/.exec(line))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => [m[1] as string, m[2] as string]),
      );
      payload = (await run('dpkg-deb', ['-c', deb])).stdout
        .split('\n')
        .map((line) => line.split(/\s+/).at(-1) ?? '')
        .filter(Boolean)
        .map((p) => p.replace(/^\./, ''));
    } else if (fpmCalls.length === 1) {
      const { options, mappings } = parseFpmArgs(fpmCalls[0] as string[]);
      control = {
        Package: options.get('--name')?.[0] ?? '',
        Version: options.get('--version')?.[0] ?? '',
        Architecture: options.get('--architecture')?.[0] ?? '',
        Maintainer: options.get('--maintainer')?.[0] ?? '',
        Homepage: options.get('--url')?.[0] ?? '',
        License: options.get('--license')?.[0] ?? '',
      };
      payload = [...mappings.keys()];
      const script = afterInstall[0] ?? '';
      results.push(
        check(
          'the .deb installs an AppArmor profile for Ubuntu 24.04 and later',
          /apparmor/i.test(script),
          script ? 'after-install script mentions AppArmor' : 'no after-install script',
        ),
      );
      results.push(
        check(
          'the .deb sets chrome-sandbox setuid where user namespaces are restricted',
          /chrome-sandbox/.test(script) && /4755/.test(script),
          'after-install script',
        ),
      );
    }
    if (control === undefined) {
      results.push(check('deb control fields', false, `electron-builder made ${fpmCalls.length} deb calls`));
    } else {
      for (const [field, value] of Object.entries(expectedControl))
        results.push(
          check(`deb ${field}: ${value}`, control[field] === value, `got ${control[field] ?? '(none)'}`),
        );
      // Only the real .deb shows them: electron-builder adds the dependencies when it calls fpm.
      if (control['Depends'] !== undefined)
        results.push(
          check(
            'deb depends on libsecret (safeStorage on Linux)',
            /libsecret-1-0/.test(control['Depends'] ?? ''),
            control['Depends'] ?? '',
          ),
        );
      const wantedPaths = ['/opt/BalanceDesk', `/usr/share/applications/${exe}.desktop`];
      const missingPaths = wantedPaths.filter(
        (p) => !payload.some((entry) => entry === p || entry.startsWith(`${p}/`) || entry === `${p}/`),
      );
      results.push(
        check(
          'deb installs into /opt/BalanceDesk with a desktop entry',
          missingPaths.length === 0,
          missingPaths.join(', ') || 'ok',
        ),
      );
    }
    if (!withFpm)
      results.push(
        check(
          'AppImage target computed its desktop entry',
          appImageDesktop.length === 1,
          `${appImageDesktop.length} calls`,
        ),
      );

    for (const r of results)
      console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}${r.ok ? '' : ` — ${r.detail}`}`);
    const failed = results.filter((r) => !r.ok).length;
    console.log(
      `package:check: ${results.length - failed} passed, ${failed} failed (electron-builder ${seconds} s${withFpm ? ', real fpm' : '; deb/AppImage stopped before their downloaded tools: see docs/DEPLOYMENT.md'})`,
    );
    return failed === 0 ? 0 : 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`package:check failed to run: ${error instanceof Error ? error.stack : String(error)}`);
      process.exitCode = 2;
    },
  );
}
