import { create } from 'zustand';
import { createConnectionSlice, type ConnectionSlice } from './slices/connection-slice';
import { createFormSlice, type FormSlice } from './slices/form-slice';
import { createKioskSlice, type KioskSlice } from './slices/kiosk-slice';
import { createPinSlice, type PinSlice } from './slices/pin-slice';

export type { PinMessage, SettingsStage } from './slices/pin-slice';

/**
 * The manager's settings screen, one store made of four slices (the zustand docs' slices
 * pattern), one per flow: the PIN gate and manager session (`pin-slice`), the draft form with its
 * save and audit log (`form-slice`), the connection test (`connection-slice`) and leaving kiosk
 * mode (`kiosk-slice`). Every bit of state, the manager token included, lives in the store, so a
 * test starts clean with `useSettingsStore.getInitialState()`.
 */
export type SettingsState = PinSlice & FormSlice & ConnectionSlice & KioskSlice;

export const useSettingsStore = create<SettingsState>()((...a) => ({
  ...createPinSlice(...a),
  ...createFormSlice(...a),
  ...createConnectionSlice(...a),
  ...createKioskSlice(...a),
}));
