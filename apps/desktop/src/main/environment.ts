/** Decisions main takes from its environment, as pure functions of platform / env / packaging. */
import path from 'node:path';
import { APP_ENTRY_URL, APP_ORIGIN } from './app-protocol';
import { originOf } from './sender';

export interface RendererEntry {
  url: string;
  /** The origin IPC senders must have. */
  origin: string;
  /** Origins the session may request from. */
  requestOrigins: string[];
}

/**
 * Packaged builds always load the bundled renderer over `app://`. Only an unpackaged app started by
 * `electron-vite dev` may load its loopback dev server (`ELECTRON_RENDERER_URL`) — never a remote one.
 */
export function rendererEntry(packaged: boolean, env: NodeJS.ProcessEnv): RendererEntry {
  const devUrl = env['ELECTRON_RENDERER_URL'];
  if (!packaged && devUrl !== undefined) {
    try {
      const url = new URL(devUrl);
      const loopback =
        url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
      const origin = originOf(devUrl);
      if (loopback && url.protocol === 'http:' && origin !== undefined) {
        // Vite's hot reload talks over a WebSocket on the same host.
        return { url: url.href, origin, requestOrigins: [origin, `ws://${url.host}`, APP_ORIGIN] };
      }
    } catch {
      // fall through to the bundled renderer
    }
  }
  return { url: APP_ENTRY_URL, origin: APP_ORIGIN, requestOrigins: [APP_ORIGIN] };
}

/**
 * Where IT may drop a provisioning file (docs/PROVISIONING.md "Where BalanceDesk looks"), first
 * found wins: per user `<userData>/provision.json`; on Windows also the per-machine
 * `%ProgramData%\BalanceDesk\provision.json`, where an MDM usually puts files.
 */
export function wellKnownProvisionPaths(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  userData: string,
): string[] {
  const perUser = (platform === 'win32' ? path.win32 : path.posix).join(userData, 'provision.json');
  if (platform !== 'win32') return [perUser];
  return [perUser, path.win32.join(env['ProgramData'] ?? 'C:\\ProgramData', 'BalanceDesk', 'provision.json')];
}
