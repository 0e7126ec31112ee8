import { z } from 'zod';
import { MANAGER_EVENT_KINDS } from './model';

/** What a manager (or IT, by provisioning file) did (the lists: `model/codes.ts`). */

export const ManagerEventKind = z.enum(MANAGER_EVENT_KINDS);
export type ManagerEventKind = z.infer<typeof ManagerEventKind>;

export const ManagerEvent = z.object({
  /** ISO instant. */
  at: z.string().max(64),
  event: ManagerEventKind,
  /** A `ManagerEventOutcome`, or a connection verdict. */
  outcome: z.string().max(64),
  /** Setting or file field names involved (never a value, never a secret). */
  fields: z.array(z.string().max(64)).max(64).optional(),
  /** host[:port] a connection test went to. */
  host: z.string().max(300).optional(),
  /** A wrong PIN: attempts left before the lockout. */
  attemptsLeft: z.number().int().min(0).max(1000).optional(),
  /** A locked PIN: seconds until the next attempt. */
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  /** Short untranslated detail for support (a verdict's text, a provisioning report). */
  detail: z.string().max(300).optional(),
});
export type ManagerEvent = z.infer<typeof ManagerEvent>;
