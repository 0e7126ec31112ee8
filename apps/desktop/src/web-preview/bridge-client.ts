/**
 * The web preview's stand-in for the preload (docs/WEB-PREVIEW.md): `window.balanceDesk` with the
 * very methods the Electron preload exposes (`createBalanceDeskApi`), each one a
 * `POST /ipc/<channel>` to desk-core's loopback bridge, answering the same IpcReply envelope.
 * Built on its own into out/web-preview/ (vite.web-preview.config.ts) and served at `/__bridge.js`;
 * never part of the Electron build.
 *
 * The page's globals come in as a `BridgeHost`, so the logic runs in Node tests against a real bridge.
 */
import type { IpcReply } from '@balance-desk/contract';
import { BRIDGE_IPC_PREFIX, BRIDGE_TOKEN_HEADER } from '@balance-desk/contract/web-bridge';
import { createBalanceDeskApi, type RawInvoke } from '../preload/api';
import { takeBridgeToken, type TokenHost } from './token';

/** The parts of `window` the client uses. */
export interface BridgeHost extends TokenHost {
  fetch(input: string, init: BridgeRequestInit): Promise<{ status: number; json(): Promise<unknown> }>;
}

/** The `fetch` options of an IPC call: no cookies, no HTTP cache. */
interface BridgeRequestInit {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  credentials: 'omit';
  cache: 'no-store';
}

function failure(message: string): IpcReply<never> {
  return { ok: false, error: { code: 'internal', message } };
}

function isReply(value: unknown): value is IpcReply<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/**
 * One IPC call over HTTP. Never rejects: the bridge's own reply (also its 401/4xx refusals), or
 * `bridge answered HTTP <status>` for JSON that is no reply, or `bridge unreachable` when the
 * request fails or the body is not JSON.
 */
export function bridgeInvoke(host: BridgeHost, token: string): RawInvoke {
  return async (channel, payload) => {
    try {
      const response = await host.fetch(BRIDGE_IPC_PREFIX + encodeURIComponent(channel), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: token },
        body: JSON.stringify(payload === undefined ? {} : payload),
        credentials: 'omit',
        cache: 'no-store',
      });
      const reply: unknown = await response.json();
      return isReply(reply) ? reply : failure(`bridge answered HTTP ${response.status}`);
    } catch {
      return failure('bridge unreachable');
    }
  };
}

/** Defines `window.balanceDesk` (frozen, not writable, not configurable), as the preload does. */
export function installBridgeClient(host: BridgeHost): void {
  const api = createBalanceDeskApi(bridgeInvoke(host, takeBridgeToken(host)));
  Object.defineProperty(host, 'balanceDesk', {
    value: Object.freeze(api),
    enumerable: true,
    configurable: false,
    writable: false,
  });
}
