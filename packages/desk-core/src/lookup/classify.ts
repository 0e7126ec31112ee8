import type { CardState, LookupErrorReason, SupportDetail } from '@balance-desk/contract';
import {
  RechargeBizError,
  RechargeNotFoundError,
  RechargeQueryError,
  RechargeResponseError,
} from '@balance-desk/recharge';
import {
  PROXY_AUTH_REQUIRED,
  PROXY_REFUSED,
  PROXY_UNREACHABLE,
  TopAbortError,
  TopApiError,
  TopResponseError,
  TopTimeoutError,
  TopTransportError,
} from '@balance-desk/top-client';
import { CredentialOriginError } from './credential-binding';

/** What a failed lookup attempt means for the cashier, for the retry loop and for the online badge. */
export interface Classified {
  reason: LookupErrorReason | 'cancelled';
  /** May the cashier (or a later scan) try again and expect a different answer? */
  retriable: boolean;
  /** May the service retry by itself, right now, with a short backoff? */
  autoRetry: boolean;
  /** Did a TOP gateway answer (online), did nothing answer (offline), or was it never asked? */
  reached: 'online' | 'offline' | 'local';
  detail: SupportDetail;
  /** With reason `card-state`: what the CRM said about the card. */
  cardState?: CardState;
}

/** Store-network failures with a sentence of their own; every other socket failure is `network`. */
function networkReason(code: string | undefined): LookupErrorReason {
  switch (code) {
    case PROXY_UNREACHABLE:
      return 'proxy-unreachable';
    case PROXY_AUTH_REQUIRED:
      return 'proxy-auth';
    case PROXY_REFUSED:
      return 'proxy-refused';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'certificate-untrusted';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'certificate-mismatch';
    default:
      return 'network';
  }
}

/** `ECONNREFUSED`-style codes: the transport never got an HTTP answer. */
function transport(err: TopTransportError): Classified {
  if (err.status !== undefined) {
    // Something answered with an HTTP error status: a gateway or a proxy in front of it is failing.
    // 5xx/408/429 pass on retry (docs/TOP-PROTOCOL.md §4 "HTTP status": handled as transport failures).
    return {
      reason: 'gateway',
      retriable: err.retriable,
      autoRetry: err.retriable,
      reached: 'online',
      detail: { code: err.status, text: `http-${err.status}` },
    };
  }
  const detail: SupportDetail = err.causeCode === undefined ? {} : { subCode: err.causeCode };
  if (err.proxyStatus !== undefined) detail.code = err.proxyStatus;
  // The issuer is what IT recognises a TLS-inspecting proxy by; it is a public name, never a secret.
  if (err.peerIssuer !== undefined) detail.text = err.peerIssuer;
  // Certificate faults and a closed client are not fixed by retrying; refused/reset/DNS may be.
  return {
    reason: networkReason(err.causeCode),
    retriable: err.retriable,
    autoRetry: err.retriable,
    reached: 'offline',
    detail,
  };
}

/**
 * Does a gateway/CRM text blame the shop or brand id (a settings problem) rather than the card?
 * Codes are matched on the word; sentences only with a fault word, since cashier texts like
 * "请联系门店" (contact the store) mention the shop without blaming it.
 */
export function blamesShopOrBrand(code: string | undefined, text: string | undefined): boolean {
  if (code && /(^|[^a-z])(shop|brand|store)/i.test(code)) return true;
  if (!text) return false;
  return /(门店|店铺|品牌|shop|brand|store)[^，,。.;；]{0,12}(不存在|无效|错误|非法|未找到|不匹配|invalid|not[ _-]?(found|exist)|unknown|mismatch)/i.test(
    text,
  );
}
const NOT_FOUND_CODE = /NOT[_-]?(EXIST|FOUND)|NO[_-]?(ACCOUNT|CARD)/i;

/** result_code / result_view words for a card's own state (ALSC publishes no list: codes and texts seen in the wild). */
const CARD_STATE_WORDS: readonly [CardState, RegExp][] = [
  ['frozen', /FROZEN|FREEZE|冻结/i],
  ['lost', /LOST|REPORT[_-]?LOSS|挂失/i],
  ['expired', /EXPIRE|过期|到期|失效/i],
  ['inactive', /INACTIVE|NOT[_-]?ACTIV|UNACTIVATED|未激活|未开通/i],
  ['disabled', /DISABLE|BLOCK|SUSPEND|CANCELL?ED|停用|禁用|作废|注销/i],
];
/** A refusal that talks about the card without one of the words above: still the card's state. */
const ABOUT_THE_CARD = /(^|[^A-Z])CARD([^A-Z]|$)|卡(片)?(状态|已|不可|无法|不能)/i;

/**
 * Does a CRM refusal (`biz_success: false`) describe the card itself, rather than a fault of the
 * system? Then it is the card's state, which the cashier acts on with the customer, not an error.
 */
function cardStateOf(code: string | undefined, text: string | undefined): CardState | undefined {
  const words = `${code ?? ''} ${text ?? ''}`;
  for (const [state, pattern] of CARD_STATE_WORDS) if (pattern.test(words)) return state;
  return ABOUT_THE_CARD.test(words) ? 'other' : undefined;
}

/**
 * TOP `error_response` → reason (docs/TOP-PROTOCOL.md §4 "Error codes", "Classification and retry").
 *
 * Parameter errors (40/41, and 15/50 with `isv.invalid-parameter`/`isv.missing-parameter`): the card
 * id already passed the same alphabet/length rule locally, and brand/shop come from the settings.
 * A *missing* parameter can only be a settings gap, and an error text that names the shop or brand
 * points at the settings too — both are the manager's problem (`not-configured`). Any other invalid
 * parameter is about the one value the cashier supplied: `invalid-card`, with the gateway's text.
 */
function api(err: TopApiError): Classified {
  const detail: SupportDetail = { code: err.code };
  if (err.subCode !== undefined) detail.subCode = err.subCode;
  if (err.requestId !== undefined) detail.requestId = err.requestId;
  const sub = err.subCode ?? '';
  const out = (
    reason: LookupErrorReason,
    retriable: boolean,
    autoRetry = false,
    text?: string,
  ): Classified => ({
    reason,
    retriable,
    autoRetry,
    reached: 'online',
    detail: text === undefined ? detail : { ...detail, text },
  });

  // Call limits: retriable after the window, never auto-retried (that would only deepen the limit).
  if (err.code === 7 || sub.startsWith('accesscontrol.')) return out('rate-limited', true);
  if (err.code === 30 || err.code === 31) return out('clock-skew', false);
  if (err.code === 26 || err.code === 27) return out('credentials', false, false, 'session');
  if ([24, 25, 28, 29].includes(err.code)) return out('credentials', false);
  if ([11, 12, 13].includes(err.code) || sub.startsWith('isv.permission')) return out('permission', false);
  const paramError =
    sub === 'isv.missing-parameter' ||
    sub === 'isv.invalid-parameter' ||
    ((err.code === 40 || err.code === 41) && !sub.startsWith('isp.'));
  if (paramError) {
    const text = err.subMsg ?? err.msg;
    const settingsProblem =
      err.code === 40 || sub === 'isv.missing-parameter' || blamesShopOrBrand(undefined, text);
    return out(settingsProblem ? 'not-configured' : 'invalid-card', false, false, text);
  }
  if (sub.startsWith('isv.')) return out('gateway', false);
  // 10 "Service Currently Unavailable" and isp.* server faults: retry after a short while.
  if (err.code === 10 || sub.startsWith('isp.')) return out('gateway', true, true);
  return out('gateway', err.retriable);
}

/** Any error thrown by getRechargeAccount (or our own code around it) → a cashier-world reason. Never throws. */
export function classifyLookupError(err: unknown): Classified {
  if (err instanceof TopAbortError)
    return { reason: 'cancelled', retriable: false, autoRetry: false, reached: 'local', detail: {} };
  if (err instanceof TopApiError) return api(err);
  if (err instanceof CredentialOriginError)
    return {
      reason: 'not-configured',
      retriable: false,
      autoRetry: false,
      reached: 'local',
      detail: { text: err.problem },
    };
  if (err instanceof TopTimeoutError) {
    // No auto-retry: the cashier already waited the whole timeout; a retry would double it.
    return {
      reason: 'timeout',
      retriable: true,
      autoRetry: false,
      reached: 'offline',
      detail: { text: `${err.timeoutMs}ms` },
    };
  }
  if (err instanceof TopTransportError) return transport(err);
  if (err instanceof TopResponseError) {
    return {
      reason: 'unexpected-response',
      retriable: err.retriable,
      autoRetry: false,
      reached: 'online',
      detail: { subCode: err.kind },
    };
  }
  if (err instanceof RechargeNotFoundError) {
    return {
      reason: 'not-found',
      retriable: false,
      autoRetry: false,
      reached: 'online',
      detail: withRequestId({}, err.requestId),
    };
  }
  if (err instanceof RechargeBizError) {
    const detail = withRequestId(
      err.resultCode === undefined ? {} : { subCode: err.resultCode },
      err.requestId,
    );
    const text = err.resultView || err.resultDesc;
    if (text) detail.text = text;
    // ALSC publishes no not-found result codes; an explicit "does not exist" code is still a not-found.
    if (NOT_FOUND_CODE.test(err.resultCode ?? ''))
      return { reason: 'not-found', retriable: false, autoRetry: false, reached: 'online', detail };
    const cardState = cardStateOf(err.resultCode, text);
    if (cardState !== undefined)
      return {
        reason: 'card-state',
        cardState,
        retriable: false,
        autoRetry: false,
        reached: 'online',
        detail,
      };
    return { reason: 'rejected', retriable: false, autoRetry: false, reached: 'online', detail };
  }
  if (err instanceof RechargeResponseError) {
    const detail = withRequestId(err.field === undefined ? {} : { text: err.field }, err.requestId);
    return { reason: 'unexpected-response', retriable: false, autoRetry: false, reached: 'online', detail };
  }
  if (err instanceof RechargeQueryError) {
    // Only brand/shop can be wrong here: the card was validated before the call.
    const cardIssue = err.issues.find((i) => i.field === 'cardId');
    return {
      reason: cardIssue ? 'invalid-card' : 'not-configured',
      retriable: false,
      autoRetry: false,
      reached: 'local',
      detail: { text: err.issues.map((i) => i.code).join(',') },
    };
  }
  // A bug on our side: never a stack trace or message across IPC (it could quote anything).
  return {
    reason: 'unexpected-response',
    retriable: false,
    autoRetry: false,
    reached: 'local',
    detail: { text: 'internal' },
  };
}

function withRequestId(detail: SupportDetail, requestId: string | undefined): SupportDetail {
  if (requestId !== undefined) detail.requestId = requestId;
  return detail;
}
