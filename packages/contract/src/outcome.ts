import { z } from 'zod';
import { AMOUNT_UNITS, CARD_STATES, LOOKUP_ERROR_REASONS } from './model';

/** Why a lookup did not produce balances (the list and what each reason means: `model/codes.ts`). */

export const LookupErrorReason = z.enum(LOOKUP_ERROR_REASONS);
export type LookupErrorReason = z.infer<typeof LookupErrorReason>;

/** What a `card-state` refusal says about the card. */
export const CardState = z.enum(CARD_STATES);
export type CardState = z.infer<typeof CardState>;

/** The unit the CRM's integer amounts are in (a manager-visible setting; docs/TOP-PROTOCOL.md §5 "Money unit"). */
export const AmountUnit = z.enum(AMOUNT_UNITS);
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
