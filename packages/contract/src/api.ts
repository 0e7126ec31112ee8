import type { ChannelName, ChannelRequest, ChannelResponse } from './channels';
import type { FieldIssue } from './model';

/** A failure of the call itself (not of the business operation): bad payload, untrusted sender, a bug. */
export interface IpcFailure {
  code: 'invalid-request' | 'forbidden' | 'internal';
  /** Short English text for logs and support; no secrets, no stack traces. */
  message: string;
  /** With `invalid-request`: which fields were refused and why, as codes (never the value). */
  issues?: FieldIssue[];
}

/**
 * Every channel answers with this envelope, over Electron IPC and over the web bridge alike. `ok`
 * says only whether the call itself went through; the business answer inside `value` is told
 * apart by its `kind` (docs/ARCHITECTURE.md "Answers: `ok` and `kind`").
 */
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
  printResult: Call<'slip:print'>;
  testPrint: Call<'slip:test'>;
  listPrinters: Call<'printers:list'>;
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
  printResult: 'slip:print',
  testPrint: 'slip:test',
  listPrinters: 'printers:list',
  clearCustomerView: 'customer:clear',
  listDisplays: 'customer:displays',
} as const satisfies Record<keyof BalanceDeskApi, ChannelName>;
