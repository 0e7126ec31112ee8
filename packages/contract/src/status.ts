import { z } from 'zod';
import { SupportDetail } from './outcome';
import { Locale } from './settings';

/** Things the app tells people about itself, shown as banners (translated by `code`). */
export const NOTICE_CODES = [
  'settings-recovered-from-backup',
  'settings-reset-unreadable',
  'secret-unreadable-reprovision',
  'secure-storage-unavailable',
  'provisioning-applied',
  'provisioning-failed',
  'renderer-restarted',
  'clock-skew-suspected',
  'secure-storage-insecure',
  'settings-unknown-fields-kept',
  /** Settings are missing or unreadable on a terminal that was configured: lookups refused until a manager fixes it. */
  'configuration-missing',
  /** The stored app secret or session key belongs to another gateway than the saved one: enter it again. */
  'credentials-other-gateway',
  /** The clock jumped (journal day files dated far from today): old journal days were kept, not pruned. */
  'clock-jump-detected',
] as const;
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

export const PinVerifyResult = z.discriminatedUnion('ok', [
  /** A manager session for PIN-gated calls; it expires after a few idle minutes. */
  z.object({ ok: z.literal(true), managerToken: z.string(), expiresAt: z.string() }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['wrong-pin', 'locked', 'not-set']),
    attemptsLeft: z.number().int().optional(),
    retryAfterMs: z.number().int().optional(),
  }),
]);
export type PinVerifyResult = z.infer<typeof PinVerifyResult>;

/** A PIN-gated call answered without a valid manager session. */
export const Unauthorized = z.object({ ok: z.literal(false), reason: z.literal('unauthorized') });

export const CONNECTION_VERDICTS = [
  'ok',
  'not-configured',
  'unreachable',
  'tls',
  'timeout',
  'bad-app-key',
  'bad-signature',
  'clock-skew',
  'permission',
  'bad-session',
  'bad-shop',
  'unexpected',
  'proxy-unreachable',
  'proxy-auth',
  'proxy-refused',
  'tls-untrusted',
  'tls-host-mismatch',
] as const;
export const ConnectionVerdict = z.object({
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
