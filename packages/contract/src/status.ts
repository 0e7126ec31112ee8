import { z } from 'zod';
import { SupportDetail } from './outcome';
import { CONNECTION_VERDICTS, NOTICE_CODES } from './model';
import { Locale } from './settings';

/** A banner the app shows about itself (translated by `code`). */
export const Notice = z.object({
  code: z.enum(NOTICE_CODES),
  /** Extra, untranslated detail for managers/IT (a file path, a field list). */
  detail: z.string().optional(),
  at: z.string(),
});
export type Notice = z.infer<typeof Notice>;

export const AppMode = z.enum(['demo', 'production', 'unconfigured']);
export type AppMode = z.infer<typeof AppMode>;

export const AppStatus = z.object({
  mode: AppMode,
  version: z.string(),
  gatewayHost: z.string(),
  /** From the last calls: a transport failure means offline until a call succeeds again. */
  online: z.enum(['online', 'offline', 'unknown']),
  shopName: z.string(),
  shopId: z.string(),
  locale: Locale,
  kiosk: z.boolean(),
  notices: z.array(Notice),
  /** Demo cards a trainer can scan (demo mode only). */
  demoCards: z.array(z.object({ label: z.string(), cardId: z.string() })),
});
export type AppStatus = z.infer<typeof AppStatus>;

/**
 * Business answers are told apart by `kind` (`ok` is only the IpcReply envelope's). Success is
 * `kind: 'ok'`; each refusal is its own kind.
 */
export const PinVerifyResult = z.discriminatedUnion('kind', [
  /** A manager session for PIN-gated calls; it expires after a few idle minutes. */
  z.object({ kind: z.literal('ok'), managerToken: z.string(), expiresAt: z.string() }),
  z.object({ kind: z.literal('wrong-pin'), attemptsLeft: z.number().int().optional() }),
  z.object({
    kind: z.literal('locked'),
    attemptsLeft: z.number().int().optional(),
    retryAfterMs: z.number().int().optional(),
  }),
  z.object({ kind: z.literal('not-set') }),
]);
export type PinVerifyResult = z.infer<typeof PinVerifyResult>;

/** A PIN-gated call answered without a valid manager session. */
export const Unauthorized = z.object({ kind: z.literal('unauthorized') });

/** What a connection test found (`verdict`), and where it went. */
export const ConnectionVerdict = z.object({
  kind: z.literal('tested'),
  verdict: z.enum(CONNECTION_VERDICTS),
  detail: SupportDetail,
  latencyMs: z.number(),
  gatewayHost: z.string(),
});
export type ConnectionVerdict = z.infer<typeof ConnectionVerdict>;

export const JournalEntry = z.object({
  at: z.string(),
  /** Always masked: `1119…0125`. */
  card: z.string(),
  kind: z.enum(['ok', 'error', 'cancelled']),
  reason: z.string().optional(),
  code: z.number().optional(),
  subCode: z.string().optional(),
  requestId: z.string().optional(),
  latencyMs: z.number().optional(),
  accounts: z.number().int().optional(),
});
export type JournalEntry = z.infer<typeof JournalEntry>;
