import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../electron-builder.config';

const repo = path.resolve(import.meta.dirname, '../../../..');

/** electron-builder's own loader (jiti for .ts) and validator (ajv over app-builder-lib's scheme.json). */
const builder = (() => {
  const requireFromRoot = createRequire(path.join(repo, 'package.json'));
  const requireFromBuilder = createRequire(requireFromRoot.resolve('electron-builder'));
  return requireFromBuilder('app-builder-lib/out/util/config/config') as {
    getConfig(projectDir: string, configPath: string, configFromOptions: null): Promise<unknown>;
    validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
  };
})();
const validate = (configuration: unknown) =>
  builder.validateConfiguration(configuration, { isEnabled: false, add() {} });

describe('electron-builder config', () => {
  // Loading electron-builder and its TypeScript config loader takes several seconds on a busy machine.
  it(
    'loads through electron-builder 26 the way `--config` does, and passes its schema validation',
    { timeout: 60_000 },
    async () => {
      const loaded = await builder.getConfig(repo, 'apps/desktop/electron-builder.config.ts', null);
      expect(loaded).toMatchObject({ appId: 'com.balancedesk.pos' });
      await expect(validate(loaded)).resolves.toBeUndefined();
    },
  );

  it('the validator is real: it rejects an unknown option', async () => {
    await expect(
      validate({ ...structuredClone(config), nsis: { ...config.nsis, perMachin: true } }),
    ).rejects.toThrow(/configuration\.nsis/);
  });

  it('has the identity, targets and hardening the deployment guide promises', () => {
    expect(config).toMatchObject({
      appId: 'com.balancedesk.pos',
      productName: 'BalanceDesk',
      asar: true,
      nsis: { perMachine: true, oneClick: false, deleteAppDataOnUninstall: false },
      electronFuses: {
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        grantFileProtocolExtraPrivileges: false,
      },
    });
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.files).toContain('out/**/*');
  });

  it('packs an app whose manifest points at the built main and has nothing to install', async () => {
    const pkg = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(pkg['main']).toBe('out/main/index.js');
    // electron-vite would externalize these (and electron-builder would have to ship node_modules).
    expect(pkg['dependencies'] ?? {}).toEqual({});
    expect(pkg['type']).toBeUndefined();
    // The .deb target refuses to build without them ("Please specify project homepage").
    expect(pkg['homepage']).toMatch(/^https:\/\//);
    expect(pkg['author']).toMatchObject({ email: expect.stringContaining('@') });
  });
});
