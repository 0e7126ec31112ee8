import type { ConnectionVerdict, SupportDetail } from '@balance-desk/contract';
import {
  getRechargeAccount,
  RechargeBizError,
  RechargeNotFoundError,
  validateRechargeQuery,
} from '@balance-desk/recharge';
import { TopApiError, TopTimeoutError, TopTransportError } from '@balance-desk/top-client';
import type { Settings } from '../ports';
import { ClientPool, type ClientFactory, type ClientTarget, type Lease } from '../lookup/client-pool';
import type { RateGuard } from '../lookup/rate-guard';
import { blamesShopOrBrand } from '../lookup/classify';
import { scopeOf } from '../lookup/target';
import { hostOf } from '../shared/host-of';
import { gatewayUrlFor } from '../storage/index';

/** A well-formed card id that no CRM issues: a normal answer for it (usually not-found) proves the whole path. */
export const THROWAWAY_CARD_ID = '0000000000000000';

export interface ConnectionSecrets {
  appSecret?: string | undefined;
  sessionKey?: string | undefined;
}

export interface ConnectionTestOptions {
  /** Builds the client when no `clients` pool is given. */
  clientFactory?: ClientFactory;
  /** The lookups' pool: the saved credentials reuse its warm client, a draft gets a one-off one. */
  clients?: ClientPool;
  /** The lookups' rate guard: a test is one more call on the same app key (TOP code 7 hits the whole chain). */
  guard?: RateGuard;
  /** Overrides gatewayUrlFor(settings) (demo mode, tests). */
  gatewayUrl?: string;
}

type Verdict = ConnectionVerdict['verdict'];

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

function isTlsCode(code: string): boolean {
  return (
    code.startsWith('CERT_') ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('SELF_SIGNED') ||
    code.startsWith('UNABLE_TO_') ||
    code === 'EPROTO'
  );
}

/** One gateway failure → a verdict a manager can act on (docs/TOP-PROTOCOL.md §4 for the codes). */
function verdictOf(err: unknown): { verdict: Verdict; detail: SupportDetail } {
  if (err instanceof RechargeNotFoundError)
    return { verdict: 'ok', detail: err.requestId ? { requestId: err.requestId } : {} };
  if (err instanceof TopTimeoutError) return { verdict: 'timeout', detail: {} };
  if (err instanceof TopTransportError) {
    if (err.status !== undefined)
      return { verdict: 'unexpected', detail: { code: err.status, text: `http-${err.status}` } };
    const code = err.causeCode ?? '';
    const detail: SupportDetail = code ? { subCode: code } : {};
    if (isTlsCode(code)) return { verdict: 'tls', detail };
    return { verdict: UNREACHABLE.has(code) || code === '' ? 'unreachable' : 'unexpected', detail };
  }
  if (err instanceof TopApiError) {
    const detail: SupportDetail = { code: err.code };
    if (err.subCode) detail.subCode = err.subCode;
    if (err.requestId) detail.requestId = err.requestId;
    if (err.subMsg) detail.text = err.subMsg;
    const sub = err.subCode ?? '';
    if (err.code === 28 || err.code === 29) return { verdict: 'bad-app-key', detail };
    if (err.code === 24 || err.code === 25) return { verdict: 'bad-signature', detail };
    if (err.code === 30 || err.code === 31) return { verdict: 'clock-skew', detail };
    if (err.code === 26 || err.code === 27) return { verdict: 'bad-session', detail };
    if ([11, 12, 13].includes(err.code) || sub.startsWith('isv.permission'))
      return { verdict: 'permission', detail };
    // The throwaway card is well-formed, so a parameter complaint is about the brand or shop.
    if (
      err.code === 40 ||
      err.code === 41 ||
      sub === 'isv.invalid-parameter' ||
      sub === 'isv.missing-parameter'
    ) {
      return { verdict: 'bad-shop', detail };
    }
    return { verdict: 'unexpected', detail };
  }
  if (err instanceof RechargeBizError) {
    const detail: SupportDetail = {};
    if (err.resultCode) detail.subCode = err.resultCode;
    if (err.requestId) detail.requestId = err.requestId;
    const text = err.resultView || err.resultDesc;
    if (text) detail.text = text;
    // The CRM itself answered: credentials and clock are fine. Only a complaint about the shop/brand is a finding.
    const aboutShop =
      blamesShopOrBrand(err.resultCode, err.resultDesc) || blamesShopOrBrand(undefined, err.resultView);
    return { verdict: aboutShop ? 'bad-shop' : 'ok', detail };
  }
  return { verdict: 'unexpected', detail: { text: err instanceof Error ? err.name : 'unknown' } };
}

/**
 * One real signed call of the recharge method with the configured brand/shop and a card that
 * cannot exist: "not found" proves the credentials, clock and shop are right. Never throws;
 * never puts a secret in the verdict.
 */
export async function testConnection(
  settings: Settings,
  secrets: ConnectionSecrets,
  options: ConnectionTestOptions = {},
): Promise<ConnectionVerdict> {
  const started = performance.now();
  let gatewayUrl = options.gatewayUrl ?? '';
  try {
    gatewayUrl ||= gatewayUrlFor(settings);
  } catch {
    gatewayUrl = '';
  }
  const gatewayHost = hostOf(gatewayUrl);
  const answer = (verdict: Verdict, detail: SupportDetail): ConnectionVerdict => ({
    verdict,
    detail,
    latencyMs: Math.round(performance.now() - started),
    gatewayHost,
  });

  const missing: string[] = [];
  if (!gatewayHost) missing.push('gatewayUrl');
  if (!settings.appKey.trim()) missing.push('appKey');
  if (!secrets.appSecret) missing.push('appSecret');
  const checked = validateRechargeQuery({ cardId: THROWAWAY_CARD_ID, ...scopeOf(settings) });
  if (!checked.ok) missing.push(...checked.issues.map((i) => i.code));
  if (missing.length > 0 || !checked.ok || !secrets.appSecret)
    return answer('not-configured', { text: missing.join(',') });

  const target: ClientTarget = {
    appKey: settings.appKey.trim(),
    appSecret: secrets.appSecret,
    gatewayUrl,
    session: secrets.sessionKey || undefined,
    signMethod: settings.signMethod,
    timeoutMs: settings.requestTimeoutMs,
  };
  // The contract's verdicts have no "rate-limited": `unexpected` with this text, as lookups say it.
  if (options.guard && !options.guard.tryTake()) return answer('unexpected', { text: 'local-rate-guard' });
  let lease: Lease;
  try {
    lease = (options.clients ?? new ClientPool(options.clientFactory)).borrow(target);
  } catch {
    // The constructor rejects a URL that is not http(s); its message never contains the secret, but we do not forward it.
    return answer('not-configured', { text: 'gatewayUrl' });
  }
  try {
    const accounts = await getRechargeAccount(lease.client, checked.query, {
      timeoutMs: settings.requestTimeoutMs,
    });
    return answer('ok', { text: `accounts:${accounts.length}` });
  } catch (err) {
    const { verdict, detail } = verdictOf(err);
    return answer(verdict, detail);
  } finally {
    lease.release();
  }
}
