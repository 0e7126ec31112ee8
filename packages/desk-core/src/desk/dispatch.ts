import { channels, isChannelName, type ChannelName, type IpcReply } from '@balance-desk/contract';
import type { z } from 'zod';
import type { Desk } from './desk';
import { prototypeKeyPath } from '../util/plain-object';

const MAX_ISSUES = 10;

/** A path segment for an issue: only short identifier-like keys, so no payload text is echoed back. */
function segment(key: PropertyKey): string {
  if (typeof key === 'number') return String(key);
  const text = String(key);
  return /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(text) ? text : '?';
}

/**
 * An issue as a short string: where and what kind, never the value (it may be a secret typed into
 * the wrong field) and never a zod message (some quote input, e.g. unrecognized key names).
 */
function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length === 0 ? '(request)' : issue.path.map(segment).join('.');
  switch (issue.code) {
    case 'invalid_type':
      return `${where}: expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `${where}: unknown field${issue.keys.length === 1 ? '' : 's'} (${issue.keys.length})`;
    case 'too_big':
      return `${where}: too big`;
    case 'too_small':
      return `${where}: too small`;
    default:
      return `${where}: ${issue.code.replace(/_/g, ' ')}`;
  }
}

function failure(code: 'invalid-request' | 'internal', message: string, issues?: string[]): IpcReply<never> {
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
      return failure('invalid-request', 'invalid request payload', [`${where}: unknown field (1)`]);
    }
    // No-argument API methods may send nothing at all.
    const parsed = channels[channel].request.safeParse(payload === undefined ? {} : payload);
    if (!parsed.success) {
      return failure(
        'invalid-request',
        'invalid request payload',
        parsed.error.issues.slice(0, MAX_ISSUES).map(describeIssue),
      );
    }
    const value: unknown = await desk.call(channel as ChannelName, parsed.data as never);
    return { ok: true, value };
  } catch (error) {
    const name = error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? ` (${error.name})` : '';
    return failure('internal', `internal error${name}`);
  }
}
