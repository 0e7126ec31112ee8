import { isPinFormat } from '@balance-desk/contract/model';
import type { StateCreator } from 'zustand';
import { bridge } from '../../../bridge';
import { draftFromView } from '../settings-draft';
import type { SettingsState } from '../settings-store';

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

export interface PinSlice {
  stage: SettingsStage;
  /** Set-PIN for a terminal without one, or a manager changing it. */
  pinPurpose: 'first' | 'change';
  pinBusy: boolean;
  pinMessage: PinMessage | null;
  /** The manager session from `pin:verify`. No component selects it: it is never rendered. */
  managerToken: string | null;

  open: () => void;
  close: () => void;
  submitPin: (pin: string) => Promise<void>;
  submitNewPin: (pin: string, confirm: string) => Promise<void>;
  startChangePin: () => void;
  /** Into the form after a PIN (the draft survives a lost session). */
  enterForm: () => void;
  /** The manager session ended (expired or refused): ask for the PIN again, keep what was typed. */
  sessionLost: () => void;
}

export const createPinSlice: StateCreator<SettingsState, [], [], PinSlice> = (set, get) => {
  async function verify(pin: string): Promise<void> {
    const reply = await bridge.verifyPin({ pin });
    if (!reply.ok) return set({ pinBusy: false, pinMessage: { kind: 'failed' } });
    const result = reply.value;
    switch (result.kind) {
      case 'ok':
        set({ managerToken: result.managerToken, pinMessage: null });
        return get().enterForm();
      case 'not-set':
        return set({
          stage: 'set-pin',
          pinPurpose: 'first',
          pinBusy: false,
          pinMessage: { kind: 'not-set' },
        });
      case 'locked':
        return set({
          pinBusy: false,
          pinMessage: { kind: 'locked', until: Date.now() + (result.retryAfterMs ?? 30_000) },
        });
      case 'wrong-pin':
        return set({ pinBusy: false, pinMessage: { kind: 'wrong', attemptsLeft: result.attemptsLeft } });
    }
  }

  return {
    stage: 'closed',
    pinPurpose: 'first',
    pinBusy: false,
    pinMessage: null,
    managerToken: null,

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
      const { stage, pinPurpose, managerToken } = get();
      if (stage === 'set-pin' && pinPurpose === 'change' && managerToken !== null)
        return set({ stage: 'form', pinMessage: null, pinBusy: false });
      set({
        managerToken: null,
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
      if (!isPinFormat(pin)) return set({ pinMessage: { kind: 'format' } });
      if (pin !== confirm) return set({ pinMessage: { kind: 'mismatch' } });
      set({ pinBusy: true });
      const { pinPurpose: purpose, managerToken } = get();
      const request = purpose === 'change' && managerToken ? { newPin: pin, managerToken } : { newPin: pin };
      const reply = await bridge.setPin(request);
      if (!reply.ok) return set({ pinBusy: false, pinMessage: { kind: 'failed' } });
      const result = reply.value;
      // A first PIN refused because one is set now: someone else set it a moment ago (at the same
      // time: already-set; just before: unauthorized, as no session was sent). Sign in with theirs.
      const lostRace =
        result.kind === 'already-set' || (result.kind === 'unauthorized' && purpose === 'first');
      if (lostRace) {
        set((s) => ({ view: s.view ? { ...s.view, hasManagerPin: true } : s.view }));
        return set({ stage: 'pin', pinBusy: false, pinMessage: { kind: 'already-set' } });
      }
      if (result.kind === 'unauthorized') return get().sessionLost();
      if (result.kind === 'weak-pin') return set({ pinBusy: false, pinMessage: { kind: 'weak' } });
      set((s) => ({ view: s.view ? { ...s.view, hasManagerPin: true } : s.view }));
      if (purpose === 'change') {
        set({ pinMessage: { kind: 'pin-set' } });
        return get().enterForm();
      }
      await verify(pin); // first PIN: sign straight in with it
    },

    startChangePin() {
      set({ stage: 'set-pin', pinPurpose: 'change', pinMessage: null });
    },

    enterForm() {
      const { view, draft } = get();
      set({ stage: 'form', draft: draft ?? (view ? draftFromView(view) : null), pinBusy: false });
      if (!view) void get().load();
      void get().loadAudit();
    },

    sessionLost() {
      set({ managerToken: null, stage: 'pin', pinMessage: { kind: 'unauthorized' }, pinBusy: false });
    },
  };
};
