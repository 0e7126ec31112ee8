import { z } from 'zod';

/**
 * Why a lookup did not produce balances. The renderer switches on this exhaustively to pick the
 * cashier's sentence (docs/ARCHITECTURE.md "One lookup, end to end"). Two of them need a word:
 * `rejected` — the CRM answered `biz_success: false` with its own display text (`result_view`),
 * e.g. a frozen card; that is neither "not found" nor a gateway fault, and the CRM's wording is the
 * best sentence we can show. `invalid-request` — a payload that failed validation at the IPC edge.
 * Store networks: `proxy-unreachable` (the configured or system proxy does not answer),
 * `proxy-auth` (it wants credentials: 407), `proxy-refused` (it refused the tunnel; `detail.code`
 * is its status), `certificate-untrusted` (the gateway's certificate chains to no trusted root —
 * usually a TLS-inspecting proxy whose CA is not installed; `detail.text` names the issuer) and
 * `certificate-mismatch` (a certificate for another host name).
 * `card-state` — the CRM refused because of the card itself (frozen, lost, expired…; `cardState`
 * says which): the card's state, shown like a closed account, not a system fault.
 */
export const LOOKUP_ERROR_REASONS = [
  'invalid-card',
  'not-found',
  'rejected',
  'network',
  'timeout',
  'clock-skew',
  'rate-limited',
  'credentials',
  'permission',
  'gateway',
  'unexpected-response',
  'not-configured',
  'invalid-request',
  'proxy-unreachable',
  'proxy-auth',
  'proxy-refused',
  'certificate-untrusted',
  'certificate-mismatch',
  'card-state',
] as const;
export const LookupErrorReason = z.enum(LOOKUP_ERROR_REASONS);
export type LookupErrorReason = z.infer<typeof LookupErrorReason>;

/**
 * What a `card-state` refusal says about the card. `other`: the CRM described the card in words
 * we do not recognise; its own text is in `detail.text`.
 */
export const CARD_STATES = ['frozen', 'lost', 'expired', 'inactive', 'disabled', 'other'] as const;
export const CardState = z.enum(CARD_STATES);
export type CardState = z.infer<typeof CardState>;

/** The unit the CRM's integer amounts are in (a manager-visible setting; docs/TOP-PROTOCOL.md §5 "Money unit"). */
export const AmountUnit = z.enum(['fen', 'yuan']);
export type AmountUnit = z.infer<typeof AmountUnit>;

const amount = z.number().int().refine(Number.isSafeInteger, 'amount must be a safe integer');

/** One stored-value account as the cashier sees it; amounts are integers in `amountUnit`. */
export const AccountView = z.object({
  accountId: z.string(),
  cardId: z.string(),
  customerId: z.string().optional(),
  optPlanId: z.string().optional(),
  deleted: z.boolean(),
  usable: amount,
  real: amount,
  realTotal: amount,
  gift: amount,
  giftTotal: amount,
  preStored: amount,
  preStoredTotal: amount,
  /** ISO-8601 instants. */
  createdAt: z.string().optional(),
  modifiedAt: z.string().optional(),
});
export type AccountView = z.infer<typeof AccountView>;

/** What support needs to find a call in the gateway's logs. Never a secret. */
export const SupportDetail = z.object({
  code: z.number().optional(),
  subCode: z.string().optional(),
  requestId: z.string().optional(),
  /** The CRM's own display text (`result_view`) or validation detail, when there is one. */
  text: z.string().optional(),
});
export type SupportDetail = z.infer<typeof SupportDetail>;

export const LookupOutcome = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ok'),
    /** The card id as normalised and sent to the CRM. */
    cardId: z.string(),
    accounts: z.array(AccountView).min(1),
    amountUnit: AmountUnit,
    requestId: z.string().optional(),
    latencyMs: z.number(),
    /** ISO instant the answer arrived. */
    at: z.string(),
  }),
  z.object({
    kind: z.literal('error'),
    cardId: z.string(),
    reason: LookupErrorReason,
    retriable: z.boolean(),
    /** Only with reason `card-state`. */
    cardState: CardState.optional(),
    detail: SupportDetail,
    latencyMs: z.number(),
    at: z.string(),
  }),
  /** A newer lookup superseded this one; the renderer drops it. */
  z.object({ kind: z.literal('cancelled'), cardId: z.string() }),
]);
export type LookupOutcome = z.infer<typeof LookupOutcome>;
export type LookupOk = Extract<LookupOutcome, { kind: 'ok' }>;
export type LookupError = Extract<LookupOutcome, { kind: 'error' }>;
