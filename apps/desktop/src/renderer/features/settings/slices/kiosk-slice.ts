import type { StateCreator } from 'zustand';
import { bridge } from '../../../bridge';
import type { SettingsState } from '../settings-store';

export interface KioskSlice {
  kioskExit: 'idle' | 'done' | 'failed';
  exitKiosk: () => Promise<void>;
}

export const createKioskSlice: StateCreator<SettingsState, [], [], KioskSlice> = (set, get) => ({
  kioskExit: 'idle',

  async exitKiosk() {
    const { managerToken } = get();
    if (!managerToken) return get().sessionLost();
    const reply = await bridge.exitKiosk({ managerToken });
    if (!reply.ok) return set({ kioskExit: 'failed' });
    if (reply.value.kind === 'ok') return set({ kioskExit: 'done' });
    get().sessionLost();
  },
});
