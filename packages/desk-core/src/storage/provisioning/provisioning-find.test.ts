import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProvisioningFile } from './provisioning-find';
import { recordingLogger, useTempDirs } from '../../test-support/storage-helpers';

const tempDir = useTempDirs();

describe('findProvisioningFile', () => {
  it('takes --provision <file> and --provision=<file>, resolving relative paths against cwd', async () => {
    const cwd = await tempDir();
    expect(
      await findProvisioningFile({
        argv: ['/app/BalanceDesk', '--provision', 'p.json'],
        wellKnownPaths: [],
        cwd,
      }),
    ).toEqual({
      file: path.join(cwd, 'p.json'),
      source: 'argument',
    });
    expect(
      await findProvisioningFile({
        argv: ['app', '--kiosk', '--provision=/etc/bd/p.json'],
        wellKnownPaths: [],
        cwd,
      }),
    ).toEqual({
      file: path.resolve('/etc/bd/p.json'),
      source: 'argument',
    });
  });

  it('an argument wins over well-known paths, even when its file is missing (provisioning then reports it)', async () => {
    const dir = await tempDir();
    const known = path.join(dir, 'provision.json');
    await writeFile(known, '{}');
    const found = await findProvisioningFile({
      argv: ['app', '--provision', path.join(dir, 'nope.json')],
      wellKnownPaths: [known],
    });
    expect(found).toEqual({ file: path.join(dir, 'nope.json'), source: 'argument' });
  });

  it('falls back to the first existing well-known file; ignores directories', async () => {
    const dir = await tempDir();
    const userData = path.join(dir, 'userData', 'provision.json');
    const programData = path.join(dir, 'ProgramData', 'BalanceDesk', 'provision.json');
    await mkdir(userData, { recursive: true }); // a directory with that name is not a file
    await mkdir(path.dirname(programData), { recursive: true });
    await writeFile(programData, '{}');
    expect(await findProvisioningFile({ argv: ['app'], wellKnownPaths: [userData, programData] })).toEqual({
      file: programData,
      source: 'well-known',
    });
    expect(await findProvisioningFile({ argv: ['app'], wellKnownPaths: [userData] })).toBeUndefined();
  });

  it('warns about --provision without a file and looks at the well-known paths instead', async () => {
    const logger = recordingLogger();
    expect(
      await findProvisioningFile({ argv: ['app', '--provision', '--kiosk'], wellKnownPaths: [], logger }),
    ).toBeUndefined();
    expect(logger.lines).toEqual([
      { level: 'warn', message: 'provisioning: --provision was given without a file' },
    ]);
  });
});
