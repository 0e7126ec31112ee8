import type { Logger } from '../../ports';
import { describeFsError } from '../files/fs-port';
import { undoAll, type Undo } from '../store-undo';
import type { ProvisioningError } from './provisioning-schema';

/** Puts stores back, all of them even when one fails; returns the ones that could not be restored. */
export async function undo(undos: readonly Undo[], logger: Logger | undefined): Promise<ProvisioningError[]> {
  const left = await undoAll(undos);
  return left.map(({ name, error }) => {
    logger?.error('provisioning: rollback failed', { store: name, error: describeFsError(error) });
    return {
      path: '$',
      message: `${name} could not be put back (${describeFsError(error)}) and may hold part of this file's configuration: lookups are stopped until this terminal is provisioned again`,
    };
  });
}
