import { channels, isChannelName, type FieldIssue, type IpcReply } from '@balance-desk/contract';
import type { z } from 'zod';
import type { Desk } from './desk';
import { codeOfIssue } from '../storage/settings/settings-schema';
import { prototypeKeyPath } from '../util/plain-object';

const MAX_ISSUES = 10;

/** A path segment for an issue: only short identifier-like keys, so no payload text is echoed back. */
function segment(key: PropertyKey): string {
  if (typeof key === 'number') return String(key);
  const text = String(key);
  return /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(text) ? text : '?';
}

/**
 * An issue as data: where (the path, short identifier-like keys only) and a field-error code from
 * the contract's model, never the value (it may be a secret typed into the wrong field) and never
 * a zod message (some quote input, e.g. unrecognized key names). The settings form shows these at
 * their fields exactly like desk-core's own field errors.
 */
function issueOf(issue: z.core.$ZodIssue): FieldIssue {
  return {
    path: issue.path.length === 0 ? '(request)' : issue.path.map(segment).join('.'),
    code: codeOfIssue(issue),
  };
}

function failure(
  code: 'invalid-request' | 'internal',
  message: string,
  issues?: FieldIssue[],
): IpcReply<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

/**
 * The ONE entry for untrusted calls, shared by Electron main and the web bridge: unknown channel
 * or invalid payload → `invalid-request`; a handler that throws → `internal` (no stack, no secret).
 * Never throws.
 */
export async function dispatchIpc(
  desk: Desk,
  channel: unknown,
  payload: unknown,
): Promise<IpcReply<unknown>> {
  try {
    if (!isChannelName(channel)) return failure('invalid-request', 'unknown channel');
    // Prototype keys are unknown fields wherever they sit, even under a schema that allows extra keys.
    const prototypeKey = prototypeKeyPath(payload);
    if (prototypeKey !== undefined) {
      const where = prototypeKey.split('.').slice(0, -1).map(segment).join('.') || '(request)';
      return failure('invalid-request', 'invalid request payload', [{ path: where, code: 'unknown-field' }]);
    }
    // No-argument API methods may send nothing at all.
    const parsed = channels[channel].request.safeParse(payload === undefined ? {} : payload);
    if (!parsed.success) {
      return failure(
        'invalid-request',
        'invalid request payload',
        parsed.error.issues.slice(0, MAX_ISSUES).map(issueOf),
      );
    }
    const value: unknown = await desk.call(channel, parsed.data);
    return { ok: true, value };
  } catch (error) {
    const name = error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? ` (${error.name})` : '';
    return failure('internal', `internal error${name}`);
  }
}
