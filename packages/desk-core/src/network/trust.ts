import { X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';

/** Longest `caCertificates` text: a few roots with their comments, far below anything harmful. */
export const MAX_CA_TEXT = 64 * 1024;

const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

export type CaCheck =
  | { ok: true; certificates: string[] }
  | { ok: false; code: 'invalid-certificate' | 'certificate-not-ca' | 'certificate-expired'; index: number };

/**
 * Extra trusted roots as IT pastes them: one or more PEM `CERTIFICATE` blocks. Every block must be
 * a CA certificate that is valid now; anything else between the blocks (a private key, a request,
 * stray text) is refused, so a key pasted by mistake is never stored. `index` is the 1-based
 * block the problem is in (0: outside any block).
 */
export function checkCaCertificates(text: string, now: Date = new Date()): CaCheck {
  const certificates: string[] = [];
  const blocks = [...text.matchAll(BLOCK)];
  const outside = text.replace(BLOCK, '').trim();
  if (blocks.length === 0 || outside !== '') return { ok: false, code: 'invalid-certificate', index: 0 };
  for (const [i, [pem]] of blocks.entries()) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch {
      return { ok: false, code: 'invalid-certificate', index: i + 1 };
    }
    if (!cert.ca) return { ok: false, code: 'certificate-not-ca', index: i + 1 };
    const time = now.getTime();
    if (Date.parse(cert.validTo) < time || Date.parse(cert.validFrom) > time)
      return { ok: false, code: 'certificate-expired', index: i + 1 };
    certificates.push(pem);
  }
  return { ok: true, certificates };
}

/** The parts of node:tls that say which roots the runtime trusts (`getCACertificates` is Node ≥ 22.15 / 23.5). */
export interface CaRuntime {
  rootCertificates: readonly string[];
  getCACertificates?: (type: 'default' | 'system') => string[];
}

export interface RuntimeRoots {
  /** What the runtime trusts anyway: Node's bundled roots (+ NODE_EXTRA_CA_CERTS where that works). */
  defaults: readonly string[];
  /** The operating system's store, where the runtime can read it (Electron 45's Node can; Node 20 cannot). */
  system: readonly string[];
}

export function runtimeRoots(runtime: CaRuntime = tls): RuntimeRoots {
  const get = runtime.getCACertificates;
  if (typeof get !== 'function') return { defaults: runtime.rootCertificates, system: [] };
  let system: string[] = [];
  try {
    system = get.call(runtime, 'system');
  } catch {
    // No readable OS store (a minimal Linux without ca-certificates): Node's roots still apply.
  }
  return { defaults: get.call(runtime, 'default'), system };
}

let cachedRuntime: RuntimeRoots | undefined;

/**
 * The complete set of roots for the gateway: the runtime's, the OS store's and the extra ones.
 * Undefined when that is just the runtime's default set, so the transport keeps Node's own
 * context. The extra text has passed `checkCaCertificates` (the settings schema checks it).
 */
export function trustedRoots(extraText: string, roots?: RuntimeRoots): string[] | undefined {
  if (roots !== undefined) return buildRoots(extraText, roots);
  // Asked on every lookup: the set only changes with the setting, so it is built once per text
  // (several hundred PEM strings otherwise, on a runtime with an OS store).
  if (lastRoots?.extraText !== extraText) lastRoots = { extraText, roots: buildRoots(extraText, undefined) };
  return lastRoots.roots;
}

let lastRoots: { extraText: string; roots: string[] | undefined } | undefined;

function buildRoots(extraText: string, roots: RuntimeRoots | undefined): string[] | undefined {
  const extra = extraText.trim() === '' ? [] : [...extraText.matchAll(BLOCK)].map(([pem]) => pem);
  // Nothing to add and no OS store to read (Node 20): do not even build Node's root list (it is
  // built on first access, which costs a lookup time for nothing).
  if (extra.length === 0 && roots === undefined && typeof (tls as CaRuntime).getCACertificates !== 'function')
    return undefined;
  const runtime = roots ?? (cachedRuntime ??= runtimeRoots());
  if (extra.length === 0 && runtime.system.length === 0) return undefined;
  return [...new Set([...runtime.defaults, ...runtime.system, ...extra])];
}
