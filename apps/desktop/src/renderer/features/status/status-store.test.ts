import type { AppStatus, IpcReply } from '@balance-desk/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appStatus, deferred, installFakeBridge, type FakeBridge } from '../../test/fake-bridge';
import { resetStores } from '../../test/reset';
import { useStatusStore } from './status-store';

let bridge: FakeBridge;

beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
});
afterEach(resetStores);

describe('status store', () => {
  it('an older app:status answer arriving after a newer one is dropped', async () => {
    const first = deferred<IpcReply<AppStatus>>();
    const second = deferred<IpcReply<AppStatus>>();
    bridge.getStatus.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    const older = useStatusStore.getState().refresh();
    const newer = useStatusStore.getState().refresh();
    second.resolve({ ok: true, value: appStatus({ online: 'online' }) });
    await newer;
    first.resolve({ ok: true, value: appStatus({ online: 'offline' }) });
    await older;
    expect(useStatusStore.getState().status?.online).toBe('online');
  });

  it('answers in order are all taken; a failed call marks the bridge unreachable', async () => {
    bridge.getStatus.mockResolvedValueOnce({ ok: true, value: appStatus({ online: 'offline' }) });
    await useStatusStore.getState().refresh();
    expect(useStatusStore.getState().status?.online).toBe('offline');
    bridge.getStatus.mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: 'down' } });
    await useStatusStore.getState().refresh();
    expect(useStatusStore.getState().unreachable).toBe(true);
    await useStatusStore.getState().refresh();
    expect(useStatusStore.getState().status?.online).toBe('online');
    expect(useStatusStore.getState().unreachable).toBe(false);
  });

  it('a refused call (the web preview without its token) is told apart from a bridge that is down', async () => {
    bridge.getStatus.mockResolvedValueOnce({
      ok: false,
      error: { code: 'forbidden', message: 'missing bridge token: open the URL demo:web printed' },
    });
    await useStatusStore.getState().refresh();
    expect(useStatusStore.getState()).toMatchObject({ unreachable: true, forbidden: true });
    bridge.getStatus.mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: 'down' } });
    await useStatusStore.getState().refresh();
    expect(useStatusStore.getState()).toMatchObject({ unreachable: true, forbidden: false });
  });
});
