import type { ConnectionVerdict, SupportDetail } from '@balance-desk/contract';
import {
  getRechargeAccount,
  RechargeBizError,
  RechargeNotFoundError,
  validateRechargeQuery,
} from '@balance-desk/recharge';
import {
  PROXY_AUTH_REQUIRED,
  PROXY_REFUSED,
  PROXY_UNREACHABLE,
  TopApiError,
  TopTimeoutError,
  TopTransportError,
} from '@balance-desk/top-client';
import { networkRoute } from '../network/route';
import type { ProxyResolver, Settings } from '../ports';
import { ClientPool, type ClientFactory, type ClientTarget, type Lease } from './client-pool';
import { bindingProblem } from './credential-binding';
import type { RateGuard } from './rate-guard';
import { blamesShopOrBrand } from './classify';
import { scopeOf } from './target';
import { hostOf } from '../util/host-of';
import { gatewayUrlFor } from '../storage/settings/gateway';
import { errorName } from '../util/error-name';

/** A well-formed card id that no CRM issues: a normal answer for it (usually not-found) proves the whole path. */
const THROWAWAY_CARD_ID = '0000000000000000';

/**
 * The secrets to test with and the gateway origins they belong to: a secret typed into the form
 * belongs to the gateway in the same form; a stored one to the origin the vault keeps with it.
 */
export interface ConnectionSecrets {
  appSecret?: string | undefined;
  appSecretOrigin: string | undefined;
  sessionKey?: string | undefined;
  proxyCredentials?: string | undefined;
  sessionKeyOrigin: string | undefined;
  /** The proxy origin the proxy credentials belong to: they are sent to no other proxy. */
  proxyCredentialsOrigin?: string | undefined;
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
  /** The system proxy, followed when the settings name none. */
  proxies?: ProxyResolver | undefined;
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

/** Certificate verdicts IT can act on: install the inspection CA, or fix the address. */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

/** A proxy or certificate failure, or undefined for any other transport failure. */
function networkVerdict(err: TopTransportError): { verdict: Verdict; detail: SupportDetail } | undefined {
  const code = err.causeCode ?? '';
  const detail: SupportDetail = { subCode: code };
  if (err.proxyStatus !== undefined) detail.code = err.proxyStatus;
  if (err.peerIssuer !== undefined) detail.text = err.peerIssuer;
  if (code === PROXY_UNREACHABLE) return { verdict: 'proxy-unreachable', detail };
  if (code === PROXY_AUTH_REQUIRED) return { verdict: 'proxy-auth', detail };
  if (code === PROXY_REFUSED) return { verdict: 'proxy-refused', detail };
  if (UNTRUSTED.has(code)) return { verdict: 'tls-untrusted', detail };
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return { verdict: 'tls-host-mismatch', detail };
  return undefined;
}

/** One gateway failure → a verdict a manager can act on (docs/TOP-PROTOCOL.md §4 for the codes). */
function verdictOf(err: unknown): { verdict: Verdict; detail: SupportDetail } {
  if (err instanceof RechargeNotFoundError)
    return { verdict: 'ok', detail: err.requestId ? { requestId: err.requestId } : {} };
  if (err instanceof TopTimeoutError) return { verdict: 'timeout', detail: {} };
  if (err instanceof TopTransportError) {
    if (err.status !== undefined)
      return { verdict: 'unexpected', detail: { code: err.status, text: `http-${err.status}` } };
    const named = networkVerdict(err);
    if (named) return named;
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
  return { verdict: 'unexpected', detail: { text: errorName(err, 'unknown') } };
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
    kind: 'tested',
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
    appSecretOrigin: secrets.appSecretOrigin,
    gatewayUrl,
    session: secrets.sessionKey || undefined,
    sessionOrigin: secrets.sessionKeyOrigin,
    signMethod: settings.signMethod,
    timeoutMs: settings.requestTimeoutMs,
    network: await networkRoute({
      settings,
      gatewayUrl,
      proxyCredentials: () =>
        Promise.resolve(
          secrets.proxyCredentials === undefined
            ? undefined
            : { value: secrets.proxyCredentials, origin: secrets.proxyCredentialsOrigin },
        ),
      resolver: options.proxies,
    }),
  };
  // Before the rate guard and before any client: credentials of another gateway sign nothing here.
  const problem = bindingProblem(target);
  if (problem) return answer('not-configured', { text: problem });
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
    const { accounts } = await getRechargeAccount(lease.client, checked.query, {
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
