import type { QueryIssue } from './query-types';

/**
 * Errors of the recharge account lookup, raised after the TOP layer said "success" (TOP transport
 * and `error_response` failures stay top-client's `TopError`s and pass through unchanged).
 * Messages are for logs: they never echo the card number or other query values the cashier typed,
 * and never carry a credential (the TOP layer never hands us one).
 */
abstract class RechargeError extends Error {}

/** The query was invalid at run time (types bypassed, e.g. values from IPC or settings). */
export class RechargeQueryError extends RechargeError {
  override readonly name = 'RechargeQueryError';
  readonly issues: QueryIssue[];
  constructor(issues: QueryIssue[]) {
    super(`invalid recharge query: ${issues.map((i) => `${i.field} ${i.code}`).join(', ')}`);
    this.issues = issues;
  }
}

export interface RechargeBizErrorFields {
  resultCode: string | undefined;
  resultDesc: string | undefined;
  /** ALSC's display-ready text for the cashier (docs/TOP-PROTOCOL.md §3 "ALSC business layer"). */
  resultView: string | undefined;
  requestId: string | undefined;
}

/** TOP answered without `error_response`, but the CRM said `biz_success: false`. */
export class RechargeBizError extends RechargeError {
  override readonly name = 'RechargeBizError';
  readonly resultCode: string | undefined;
  readonly resultDesc: string | undefined;
  readonly resultView: string | undefined;
  readonly requestId: string | undefined;
  constructor(fields: RechargeBizErrorFields) {
    const detail = [fields.resultCode, fields.resultDesc].filter(Boolean).join(': ');
    super(
      `ALSC business error${detail ? ` ${detail}` : ''}${fields.requestId ? ` (request ${fields.requestId})` : ''}`,
    );
    this.resultCode = fields.resultCode;
    this.resultDesc = fields.resultDesc;
    this.resultView = fields.resultView;
    this.requestId = fields.requestId;
  }
}

/** Success, but no account matched the query in this brand and shop. */
export class RechargeNotFoundError extends RechargeError {
  override readonly name = 'RechargeNotFoundError';
  readonly requestId: string | undefined;
  constructor(requestId: string | undefined) {
    super(`no stored-value account found${requestId ? ` (request ${requestId})` : ''}`);
    this.requestId = requestId;
  }
}

/**
 * A success payload we cannot trust: missing ids, non-integer or unsafe amounts, wrong types.
 * `field` is the cashier-world name (`usable`, `accountId`, `deleted`…) or `result` for the shape.
 */
export class RechargeResponseError extends RechargeError {
  override readonly name = 'RechargeResponseError';
  readonly requestId: string | undefined;
  readonly field: string | undefined;
  constructor(message: string, options: { requestId?: string | undefined; field?: string | undefined } = {}) {
    super(
      `unusable recharge account response: ${message}${options.requestId ? ` (request ${options.requestId})` : ''}`,
    );
    this.requestId = options.requestId;
    this.field = options.field;
  }
}
