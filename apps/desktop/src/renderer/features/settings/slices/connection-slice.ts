import type { ConnectionVerdict } from '@balance-desk/contract';
import type { StateCreator } from 'zustand';
import { bridge } from '../../../bridge';
import { isEmptyPatch, patchFromDraft } from '../settings-draft';
import type { SettingsState } from '../settings-store';

type ConnectionTest =
  { state: 'idle' | 'testing' | 'failed' } | { state: 'done'; verdict: ConnectionVerdict };

export interface ConnectionSlice {
  connection: ConnectionTest;
  /** Tests the draft as typed (or the saved settings when nothing changed). */
  testConnection: () => Promise<void>;
}

export const createConnectionSlice: StateCreator<SettingsState, [], [], ConnectionSlice> = (set, get) => ({
  connection: { state: 'idle' },

  async testConnection() {
    const { draft, view, managerToken } = get();
    if (!draft || !view || !managerToken) return;
    const { patch, errors } = patchFromDraft(draft, view);
    if (Object.keys(errors).length > 0) return set({ fieldErrors: errors, saveState: 'invalid' });
    set({ connection: { state: 'testing' } });
    const reply = await bridge.testConnection(
      isEmptyPatch(patch) ? { managerToken } : { managerToken, draft: patch },
    );
    if (!reply.ok) return set({ connection: { state: 'failed' } });
    const result = reply.value;
    switch (result.kind) {
      case 'tested':
        set({ connection: { state: 'done', verdict: result } });
        return void get().loadAudit();
      case 'unauthorized':
        set({ connection: { state: 'idle' } });
        return get().sessionLost();
    }
  },
});
