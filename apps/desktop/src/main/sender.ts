/**
 * Who may call main over IPC.
 * Electron security checklist #17 "Validate the sender of all IPC messages":
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */

/** The parts of Electron's `WebFrameMain` the check reads; tests pass plain objects. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
  readonly detached?: boolean;
  isDestroyed?(): boolean;
}

/**
 * `scheme://host[:port]` of a URL, or undefined when it has none we can trust.
 * Not `URL.origin`: WHATWG gives every non-special scheme (our `app:`) the opaque origin "null",
 * so two unrelated `app://` hosts would compare equal. Credentials in the URL are refused outright.
 */
export function originOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.username !== '' || parsed.password !== '' || parsed.host === '') return undefined;
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
}

/**
 * True only for a live, top-level frame whose URL has exactly the app's origin (parsed, never a
 * string prefix: `app://balance-desk.evil` is not `app://balance-desk`). A detached or destroyed
 * frame (reading its URL may throw), a subframe, `file://` or any other origin is refused.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, expectedOrigin: string): boolean {
  if (frame === null || frame === undefined) return false;
  const expected = originOf(expectedOrigin);
  if (expected === undefined) return false;
  try {
    if (frame.detached === true) return false;
    if (frame.isDestroyed?.() === true) return false;
    if (frame.parent !== null) return false;
    return originOf(frame.url) === expected;
  } catch {
    return false;
  }
}
