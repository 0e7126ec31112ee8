import type { ChannelName, ChannelRequest, ChannelResponse } from './channels';

/** A failure of the call itself (not of the business operation): bad payload, untrusted sender, a bug. */
export interface IpcFailure {
  code: 'invalid-request' | 'forbidden' | 'internal';
  /** Short English text for logs and support; no secrets, no stack traces. */
  message: string;
  issues?: string[];
}

/** Every channel answers with this envelope, over Electron IPC and over the web bridge alike. */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: IpcFailure };

type Call<C extends ChannelName> = (request: ChannelRequest<C>) => Promise<IpcReply<ChannelResponse<C>>>;
type CallNoArgs<C extends ChannelName> = () => Promise<IpcReply<ChannelResponse<C>>>;

/**
 * `window.balanceDesk`: named intents, never a generic `invoke(channel)`. The preload and the
 * web-bridge client both implement exactly this, ending in `satisfies BalanceDeskApi`.
 */
export interface BalanceDeskApi {
  lookupBalance: Call<'balance:lookup'>;
  getSettings: CallNoArgs<'settings:get'>;
  updateSettings: Call<'settings:update'>;
  verifyPin: Call<'pin:verify'>;
  setPin: Call<'pin:set'>;
  testConnection: Call<'connection:test'>;
  getStatus: CallNoArgs<'app:status'>;
  recentJournal: Call<'journal:recent'>;
  exitKiosk: Call<'kiosk:exit'>;
  recentAudit: Call<'audit:recent'>;
  clearCustomerView: CallNoArgs<'customer:clear'>;
  listDisplays: CallNoArgs<'customer:displays'>;
}

/** Which channel each API method uses (shared by the preload and the web-bridge client). */
export const API_CHANNELS = {
  lookupBalance: 'balance:lookup',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  verifyPin: 'pin:verify',
  setPin: 'pin:set',
  testConnection: 'connection:test',
  getStatus: 'app:status',
  recentJournal: 'journal:recent',
  exitKiosk: 'kiosk:exit',
  recentAudit: 'audit:recent',
  clearCustomerView: 'customer:clear',
  listDisplays: 'customer:displays',
} as const satisfies Record<keyof BalanceDeskApi, ChannelName>;

/** Card ids on screen and in logs: first four and last four only (`1119…0125`). */
export function maskCardId(cardId: string): string {
  if (cardId.length <= 8) return cardId.length <= 4 ? '…' + cardId.slice(-2) : '…' + cardId.slice(-4);
  return `${cardId.slice(0, 4)}…${cardId.slice(-4)}`;
}
