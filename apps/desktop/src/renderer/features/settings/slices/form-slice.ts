import type { ManagerEvent, SettingsSaveFailure, SettingsView } from '@balance-desk/contract';
import type { StateCreator } from 'zustand';
import { bridge } from '../../../bridge';
import {
  draftFromView,
  fieldErrorsFromIssues,
  isEmptyPatch,
  mergeDraft,
  patchFromDraft,
  type FlagField,
  type FormFieldErrors,
  type SecretEdit,
  type SecretField,
  type SettingsDraft,
  type ValueField,
} from '../settings-draft';
import type { SettingsState } from '../settings-store';

type SaveState = 'idle' | 'saving' | 'saved' | 'invalid' | 'failed';
/** The manager audit trail shown in the form (newest first). */
type AuditLog = { state: 'idle' | 'loading' | 'failed' } | { state: 'done'; events: ManagerEvent[] };

export interface FormSlice {
  view: SettingsView | null;
  draft: SettingsDraft | null;
  fieldErrors: FormFieldErrors;
  saveState: SaveState;
  /** Why the last save failed as a whole, when the disk refused it (with its errno code for support). */
  saveFailure: { reason: SettingsSaveFailure; code?: string } | null;
  audit: AuditLog;

  load: () => Promise<void>;
  /** Reads the last 100 manager actions (needs the manager session). */
  loadAudit: () => Promise<void>;
  setValue: (field: ValueField, value: string) => void;
  setFlag: (field: FlagField, value: boolean) => void;
  setSecret: (field: SecretField, edit: SecretEdit) => void;
  save: () => Promise<void>;
}

/** An edit while a save is on the wire must not re-enable Save: the answer decides the state. */
function edited(s: { saveState: SaveState }): SaveState {
  return s.saveState === 'saving' ? 'saving' : 'idle';
}

export const createFormSlice: StateCreator<SettingsState, [], [], FormSlice> = (set, get) => ({
  view: null,
  draft: null,
  fieldErrors: {},
  saveState: 'idle',
  saveFailure: null,
  audit: { state: 'idle' },

  async load() {
    const reply = await bridge.getSettings();
    if (!reply.ok) return;
    const { draft, stage } = get();
    // An open dialog keeps what the manager typed; a closed one follows the new values.
    const keep =
      stage === 'closed' ? null : (draft ?? (stage === 'form' ? draftFromView(reply.value) : null));
    set({ view: reply.value, draft: keep });
  },

  async loadAudit() {
    const { managerToken } = get();
    if (!managerToken) return;
    if (get().audit.state !== 'done') set({ audit: { state: 'loading' } });
    const reply = await bridge.recentAudit({ managerToken, limit: 100 });
    if (!reply.ok) return set({ audit: { state: 'failed' } });
    if (reply.value.kind === 'ok') return set({ audit: { state: 'done', events: reply.value.events } });
    // A lapsed session shows in the next save or test; the log just waits for the next PIN.
    set({ audit: { state: 'idle' } });
  },

  setValue(field, value) {
    set((s) =>
      s.draft
        ? { draft: { ...s.draft, values: { ...s.draft.values, [field]: value } }, saveState: edited(s) }
        : {},
    );
  },
  setFlag(field, value) {
    set((s) =>
      s.draft
        ? { draft: { ...s.draft, flags: { ...s.draft.flags, [field]: value } }, saveState: edited(s) }
        : {},
    );
  },
  setSecret(field, edit) {
    set((s) =>
      s.draft
        ? { draft: { ...s.draft, secrets: { ...s.draft.secrets, [field]: edit } }, saveState: edited(s) }
        : {},
    );
  },

  async save() {
    const { draft, view, saveState, managerToken } = get();
    if (!draft || !view || saveState === 'saving') return;
    const { patch, errors } = patchFromDraft(draft, view);
    if (Object.keys(errors).length > 0) return set({ fieldErrors: errors, saveState: 'invalid' });
    if (isEmptyPatch(patch)) return set({ fieldErrors: {}, saveState: 'saved' });
    if (!managerToken) return get().sessionLost();
    set({ saveState: 'saving', fieldErrors: {}, saveFailure: null });
    const sent = draft;
    const reply = await bridge.updateSettings({ managerToken, patch });
    if (!reply.ok) {
      const fieldErrors = fieldErrorsFromIssues(reply.error.issues ?? []);
      return set(
        Object.keys(fieldErrors).length > 0 ? { fieldErrors, saveState: 'invalid' } : { saveState: 'failed' },
      );
    }
    const result = reply.value;
    switch (result.kind) {
      case 'ok': {
        const current = get().draft;
        const saved = draftFromView(result.settings);
        set({
          view: result.settings,
          draft: current ? mergeDraft(saved, sent, current) : saved,
          fieldErrors: {},
          saveState: 'saved',
        });
        return void get().loadAudit();
      }
      case 'unauthorized':
        set({ saveState: 'idle' });
        return get().sessionLost();
      case 'invalid':
        return set({ fieldErrors: result.fieldErrors, saveState: 'invalid' });
      case 'failed':
        // Nothing was saved (or, with `disk-not-undone`, not all of it put back): the draft stays as typed.
        set({
          saveState: 'failed',
          saveFailure: { reason: result.reason, ...(result.code === undefined ? {} : { code: result.code }) },
        });
        return void get().loadAudit();
    }
  },
});
