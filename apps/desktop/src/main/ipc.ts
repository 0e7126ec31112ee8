/**
 * The only way into main from a renderer: one `ipcMain.handle` per contract channel, each
 * checking its sender, then handing the raw payload to desk-core's `dispatchIpc` (which parses it
 * with the contract's schema and never throws): check, hand over, return; no logic here.
 */
import { CHANNEL_NAMES, type ChannelName, type IpcReply } from '@balance-desk/contract';
import type { Desk, dispatchIpc, Logger } from '@balance-desk/desk-core';
import { isTrustedSender, originOf, type SenderFrame } from './sender';

/** The parts of `IpcMainInvokeEvent` read here. */
export interface InvokeEvent {
  readonly sender: unknown;
  readonly senderFrame: SenderFrame | null;
}

type Listener = (event: InvokeEvent, payload: unknown) => Promise<IpcReply<unknown>>;

/** The parts of Electron's `ipcMain` used here; tests pass a Map-backed stand-in. */
export interface IpcMainLike {
  handle(channel: string, listener: Listener): void;
  removeHandler(channel: string): void;
}

/** The window whose main frame may call us. */
export interface TrustedWindow {
  readonly webContents: unknown;
  isDestroyed(): boolean;
}

export interface IpcOptions {
  /** The renderer's origin, e.g. `app://balance-desk`. */
  expectedOrigin: string;
  dispatch: typeof dispatchIpc;
  logger: Logger;
}

const FORBIDDEN: IpcReply<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'this call did not come from the BalanceDesk window' },
};

/** Electron security checklist #17: the sender must be our window's top frame on our origin. */
function readSender(
  event: InvokeEvent,
  win: TrustedWindow | null,
  expectedOrigin: string,
): { trusted: boolean; origin: string } {
  try {
    const frame = event.senderFrame;
    const origin = frame === null ? 'none' : (originOf(frame.url) ?? 'unparseable');
    const ownWindow = win !== null && !win.isDestroyed() && event.sender === win.webContents;
    return { trusted: ownWindow && isTrustedSender(frame, expectedOrigin), origin };
  } catch {
    return { trusted: false, origin: 'unreadable' };
  }
}

/**
 * Registers every channel of the contract exactly once; returns a function that removes them.
 * `getWindow` is read per call, so a recreated window is honoured and a closed one refused.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  desk: Desk,
  getWindow: () => TrustedWindow | null,
  options: IpcOptions,
): () => void {
  const { expectedOrigin, dispatch, logger } = options;

  /** The one registration, for every channel of the contract's map. */
  function handle(channel: ChannelName): void {
    ipcMain.handle(channel, async (event, payload) => {
      const sender = readSender(event, getWindow(), expectedOrigin);
      if (!sender.trusted) {
        logger.warn('ipc: refused a call from an untrusted sender', { channel, origin: sender.origin });
        return FORBIDDEN;
      }
      try {
        return await dispatch(desk, channel, payload);
      } catch {
        // dispatchIpc promises never to throw; if it ever does, the renderer still gets an envelope.
        logger.error('ipc: dispatch threw', { channel });
        return { ok: false, error: { code: 'internal', message: 'internal error' } };
      }
    });
  }

  for (const channel of CHANNEL_NAMES) handle(channel);
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
