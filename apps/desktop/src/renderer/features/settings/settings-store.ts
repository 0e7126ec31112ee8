import type { ConnectionVerdict, FieldErrors, ManagerEvent, SettingsView } from '@balance-desk/contract';
import { create } from 'zustand';
import { bridge } from '../../bridge';
import {
  draftFromView,
  fieldErrorsFromIssues,
  isEmptyPatch,
  mergeDraft,
  patchFromDraft,
  type FlagField,
  type SecretEdit,
  type SecretField,
  type SettingsDraft,
  type ValueField,
} from './settings-draft';

/** closed → (pin | set-pin) → form. Settings and kiosk exit sit behind the manager PIN. */
export type SettingsStage = 'closed' | 'pin' | 'set-pin' | 'form';

export type PinMessage =
  | { kind: 'wrong'; attemptsLeft: number | undefined }
  | { kind: 'locked'; until: number }
  | { kind: 'not-set' }
  | { kind: 'mismatch' }
  | { kind: 'weak' }
  | { kind: 'format' }
  | { kind: 'failed' }
  | { kind: 'unauthorized' }
  | { kind: 'pin-set' }
  | { kind: 'already-set' };

export type SaveState = 'idle' | 'saving' | 'saved' | 'invalid' | 'failed';
export type ConnectionTest =
  { state: 'idle' | 'testing' | 'failed' } | { state: 'done'; verdict: ConnectionVerdict };
/** The manager audit trail shown in the form (newest first). */
export type AuditLog = { state: 'idle' | 'loading' | 'failed' } | { state: 'done'; events: ManagerEvent[] };

interface SettingsState {
  view: SettingsView | null;
  stage: SettingsStage;
  /** Set-PIN for a terminal without one, or a manager changing it. */
  pinPurpose: 'first' | 'change';
  pinBusy: boolean;
  pinMessage: PinMessage | null;
  draft: SettingsDraft | null;
  fieldErrors: FieldErrors;
  saveState: SaveState;
  connection: ConnectionTest;
  kioskExit: 'idle' | 'done' | 'failed';
  audit: AuditLog;

  load(): Promise<void>;
  /** Reads the last 100 manager actions (needs the manager session). */
  loadAudit(): Promise<void>;
  open(): void;
  close(): void;
  submitPin(pin: string): Promise<void>;
  submitNewPin(pin: string, confirm: string): Promise<void>;
  startChangePin(): void;
  setValue(field: ValueField, value: string): void;
  setFlag(field: FlagField, value: boolean): void;
  setSecret(field: SecretField, edit: SecretEdit): void;
  save(): Promise<void>;
  testConnection(): Promise<void>;
  exitKiosk(): Promise<void>;
}

const PIN_FORMAT = /^\d{4,12}$/;

/** An edit while a save is on the wire must not re-enable Save: the answer decides the state. */
function edited(s: { saveState: SaveState }): SaveState {
  return s.saveState === 'saving' ? 'saving' : 'idle';
}

/** The manager session lives here only, never in the view state (nothing renders it). */
let managerToken: string | null = null;

/** The manager session for other settings actions (the printer's test print and list); null when none. */
export function managerSession(): string | null {
  return managerToken;
}

const initial = {
  view: null,
  stage: 'closed' as SettingsStage,
  pinPurpose: 'first' as const,
  pinBusy: false,
  pinMessage: null,
  draft: null,
  fieldErrors: {},
  saveState: 'idle' as SaveState,
  connection: { state: 'idle' } as ConnectionTest,
  kioskExit: 'idle' as const,
  audit: { state: 'idle' } as AuditLog,
};

export const useSettingsStore = create<SettingsState>()((set, get) => {
  /** The manager session ended (expired or refused): ask for the PIN again, keep what was typed. */
  function sessionLost(): void {
    managerToken = null;
    set({ stage: 'pin', pinMessage: { kind: 'unauthorized' }, pinBusy: false });
  }

  function enterForm(): void {
    const { view, draft } = get();
    set({ stage: 'form', draft: draft ?? (view ? draftFromView(view) : null), pinBusy: false });
    if (!view) void get().load();
    void get().loadAudit();
  }

  async function verify(pin: string): Promise<void> {
    const reply = await bridge.verifyPin({ pin });
    if (!reply.ok) return set({ pinBusy: false, pinMessage: { kind: 'failed' } });
    const result = reply.value;
    if (result.ok) {
      managerToken = result.managerToken;
      set({ pinMessage: null });
      return enterForm();
    }
    if (result.reason === 'not-set')
      return set({ stage: 'set-pin', pinPurpose: 'first', pinBusy: false, pinMessage: { kind: 'not-set' } });
    if (result.reason === 'locked')
      return set({
        pinBusy: false,
        pinMessage: { kind: 'locked', until: Date.now() + (result.retryAfterMs ?? 30_000) },
      });
    set({ pinBusy: false, pinMessage: { kind: 'wrong', attemptsLeft: result.attemptsLeft } });
  }

  return {
    ...initial,

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
      if (!managerToken) return;
      if (get().audit.state !== 'done') set({ audit: { state: 'loading' } });
      const reply = await bridge.recentAudit({ managerToken, limit: 100 });
      if (!reply.ok) return set({ audit: { state: 'failed' } });
      if (reply.value.ok) return set({ audit: { state: 'done', events: reply.value.events } });
      // A lapsed session shows in the next save or test; the log just waits for the next PIN.
      set({ audit: { state: 'idle' } });
    },

    open() {
      if (get().stage !== 'closed') return;
      const view = get().view;
      set({
        pinMessage: null,
        saveState: 'idle',
        connection: { state: 'idle' },
        kioskExit: 'idle',
        audit: { state: 'idle' },
        fieldErrors: {},
      });
      if (view && !view.hasManagerPin)
        set({ stage: 'set-pin', pinPurpose: 'first', pinMessage: { kind: 'not-set' } });
      else set({ stage: 'pin' });
    },

    close() {
      // Cancel or Esc while changing the PIN steps back to the form: the draft and the manager
      // session stay (only the first-PIN dialog, with nothing behind it, closes everything).
      if (get().stage === 'set-pin' && get().pinPurpose === 'change' && managerToken !== null)
        return set({ stage: 'form', pinMessage: null, pinBusy: false });
      managerToken = null;
      set({
        stage: 'closed',
        draft: null,
        pinMessage: null,
        pinBusy: false,
        fieldErrors: {},
        saveState: 'idle',
      });
    },

    async submitPin(pin) {
      if (get().pinBusy) return;
      const message = get().pinMessage;
      if (message?.kind === 'locked' && message.until > Date.now()) return;
      set({ pinBusy: true });
      await verify(pin);
    },

    async submitNewPin(pin, confirm) {
      if (get().pinBusy) return;
      if (!PIN_FORMAT.test(pin)) return set({ pinMessage: { kind: 'format' } });
      if (pin !== confirm) return set({ pinMessage: { kind: 'mismatch' } });
      set({ pinBusy: true });
      const purpose = get().pinPurpose;
      const request = purpose === 'change' && managerToken ? { newPin: pin, managerToken } : { newPin: pin };
      const reply = await bridge.setPin(request);
      if (!reply.ok) return set({ pinBusy: false, pinMessage: { kind: 'failed' } });
      if (!reply.value.ok) {
        // A first PIN refused because one is set now: someone else set it a moment ago (at the same
        // time: already-set; just before: unauthorized, as no session was sent). Sign in with theirs.
        const lostRace =
          reply.value.reason === 'already-set' ||
          (reply.value.reason === 'unauthorized' && purpose === 'first');
        if (reply.value.reason === 'unauthorized' && !lostRace) return sessionLost();
        if (lostRace) {
          set((s) => ({ view: s.view ? { ...s.view, hasManagerPin: true } : s.view }));
          return set({ stage: 'pin', pinBusy: false, pinMessage: { kind: 'already-set' } });
        }
        return set({ pinBusy: false, pinMessage: { kind: 'weak' } });
      }
      set((s) => ({ view: s.view ? { ...s.view, hasManagerPin: true } : s.view }));
      if (purpose === 'change') {
        set({ pinMessage: { kind: 'pin-set' } });
        return enterForm();
      }
      await verify(pin); // first PIN: sign straight in with it
    },

    startChangePin() {
      set({ stage: 'set-pin', pinPurpose: 'change', pinMessage: null });
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
      const { draft, view, saveState } = get();
      if (!draft || !view || saveState === 'saving') return;
      const { patch, errors } = patchFromDraft(draft, view);
      if (Object.keys(errors).length > 0) return set({ fieldErrors: errors, saveState: 'invalid' });
      if (isEmptyPatch(patch)) return set({ fieldErrors: {}, saveState: 'saved' });
      if (!managerToken) return sessionLost();
      set({ saveState: 'saving', fieldErrors: {} });
      const sent = draft;
      const reply = await bridge.updateSettings({ managerToken, patch });
      if (!reply.ok) {
        const fieldErrors = fieldErrorsFromIssues(reply.error.issues ?? []);
        return set(
          Object.keys(fieldErrors).length > 0
            ? { fieldErrors, saveState: 'invalid' }
            : { saveState: 'failed' },
        );
      }
      const result = reply.value;
      if (result.ok) {
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
      if (result.reason === 'unauthorized') {
        set({ saveState: 'idle' });
        return sessionLost();
      }
      set({ fieldErrors: result.fieldErrors, saveState: 'invalid' });
    },

    async testConnection() {
      const { draft, view } = get();
      if (!draft || !view || !managerToken) return;
      const { patch, errors } = patchFromDraft(draft, view);
      if (Object.keys(errors).length > 0) return set({ fieldErrors: errors, saveState: 'invalid' });
      set({ connection: { state: 'testing' } });
      const reply = await bridge.testConnection(
        isEmptyPatch(patch) ? { managerToken } : { managerToken, draft: patch },
      );
      if (!reply.ok) return set({ connection: { state: 'failed' } });
      const value = reply.value;
      if ('verdict' in value) {
        set({ connection: { state: 'done', verdict: value } });
        return void get().loadAudit();
      }
      set({ connection: { state: 'idle' } });
      sessionLost();
    },

    async exitKiosk() {
      if (!managerToken) return sessionLost();
      const reply = await bridge.exitKiosk({ managerToken });
      if (!reply.ok) return set({ kioskExit: 'failed' });
      if (reply.value.ok) return set({ kioskExit: 'done' });
      sessionLost();
    },
  };
});

export function resetSettingsStore(): void {
  managerToken = null;
  useSettingsStore.setState({ ...initial, fieldErrors: {}, connection: { state: 'idle' } });
}
