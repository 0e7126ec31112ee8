/**
 * `window.balanceDesk`: named intents, never a generic `invoke(channel)`. Each method is one
 * contract channel, named by `API_CHANNELS`; nothing else of IPC reaches the page.
 */
import {
  API_CHANNELS,
  type BalanceDeskApi,
  type ChannelName,
  type ChannelRequest,
  type ChannelResponse,
  type IpcReply,
} from '@balance-desk/contract';

/** `ipcRenderer.invoke`, narrowed to one payload. */
export type RawInvoke = (channel: ChannelName, payload: unknown) => Promise<unknown>;

export function createBalanceDeskApi(rawInvoke: RawInvoke) {
  /** The one typed invoke: main answers every channel with an `IpcReply` envelope. */
  const invoke = <C extends ChannelName>(channel: C, request: ChannelRequest<C>) =>
    rawInvoke(channel, request) as Promise<IpcReply<ChannelResponse<C>>>;

  return {
    lookupBalance: (request) => invoke(API_CHANNELS.lookupBalance, request),
    getSettings: () => invoke(API_CHANNELS.getSettings, {}),
    updateSettings: (request) => invoke(API_CHANNELS.updateSettings, request),
    verifyPin: (request) => invoke(API_CHANNELS.verifyPin, request),
    setPin: (request) => invoke(API_CHANNELS.setPin, request),
    testConnection: (request) => invoke(API_CHANNELS.testConnection, request),
    getStatus: () => invoke(API_CHANNELS.getStatus, {}),
    recentJournal: (request) => invoke(API_CHANNELS.recentJournal, request),
    exitKiosk: (request) => invoke(API_CHANNELS.exitKiosk, request),
    recentAudit: (request) => invoke(API_CHANNELS.recentAudit, request),
    printResult: (request) => invoke(API_CHANNELS.printResult, request),
    testPrint: (request) => invoke(API_CHANNELS.testPrint, request),
    listPrinters: (request) => invoke(API_CHANNELS.listPrinters, request),
    clearCustomerView: () => invoke(API_CHANNELS.clearCustomerView, {}),
    listDisplays: () => invoke(API_CHANNELS.listDisplays, {}),
  } satisfies BalanceDeskApi;
}
