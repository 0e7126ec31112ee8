import type {
  AccountView,
  AppStatus,
  BalanceDeskApi,
  IpcReply,
  LookupOutcome,
  SettingsView,
} from '@balance-desk/contract';
import { vi } from 'vitest';
import { setBridge } from '../bridge';

/** Renderer tests talk to this instead of window.balanceDesk (stores call the swappable bridge module). */

export const SEED = '111950000052400125';

export function account(overrides: Partial<AccountView> = {}): AccountView {
  return {
    accountId: 'RA-0001',
    cardId: SEED,
    customerId: 'C-0001',
    deleted: false,
    usable: 4000,
    real: 3000,
    realTotal: 5000,
    gift: 2000,
    giftTotal: 3000,
    preStored: 200,
    preStoredTotal: 1000,
    createdAt: '2019-08-01T07:31:21.000Z',
    modifiedAt: '2024-05-20T02:12:00.000Z',
    ...overrides,
  };
}

export function ok(cardId = SEED, accounts: AccountView[] = [account({ cardId })]): LookupOutcome {
  return {
    kind: 'ok',
    cardId,
    accounts,
    amountUnit: 'fen',
    requestId: 'req-1',
    latencyMs: 3,
    at: '2024-05-20T02:15:00.000Z',
  };
}

export function failure(
  reason: Extract<LookupOutcome, { kind: 'error' }>['reason'],
  cardId = SEED,
  retriable = true,
  detail = {},
): LookupOutcome {
  return {
    kind: 'error',
    cardId,
    reason,
    retriable,
    detail: { code: 7, subCode: 'sub.code', requestId: 'req-9', ...detail },
    latencyMs: 2,
    at: '2024-05-20T02:15:00.000Z',
  };
}

export function settingsView(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    schemaVersion: 1,
    gatewayKind: 'sandbox',
    gatewayUrl: '',
    appKey: 'demo-app-key',
    hasAppSecret: true,
    hasSession: false,
    signMethod: 'hmac-sha256',
    brandId: '3724809629',
    outBrandId: '',
    shopId: '3724809631',
    outShopId: '',
    shopName: 'Demo Store',
    locale: 'zh-CN',
    amountUnit: 'fen',
    idleClearSeconds: 30,
    requestTimeoutMs: 8000,
    scanner: {
      terminator: 'enter-or-tab',
      prefix: '',
      suffix: '',
      minLength: 4,
      maxLength: 64,
      maxAvgIntervalMs: 35,
      maxGapMs: 100,
      flushAfterMs: 120,
      stallWindowMs: 800,
      extractPattern: '',
    },
    kiosk: false,
    startAtLogin: false,
    hasManagerPin: true,
    insecureStorageAccepted: false,
    proxyUrl: '',
    caCertificates: '',
    hasProxyCredentials: false,
    customerDisplay: {
      enabled: false,
      displayId: null,
      showParts: false,
      clearAfterSeconds: 15,
      locale: 'zh-CN',
    },
    readToneVolume: 50,
    readFlash: true,
    printer: null,
    ...overrides,
  };
}

export function appStatus(overrides: Partial<AppStatus> = {}): AppStatus {
  return {
    mode: 'demo',
    version: '0.1.0-test',
    gatewayHost: '127.0.0.1',
    online: 'online',
    shopName: 'Demo Store',
    shopId: '3724809631',
    locale: 'zh-CN',
    kiosk: false,
    notices: [],
    demoCards: [{ label: 'Seed', cardId: SEED }],
    ...overrides,
  };
}

export function reply<T>(value: T): Promise<IpcReply<T>> {
  return Promise.resolve({ ok: true, value });
}

/** A promise the test settles by hand: for "the first answer arrives after the second". */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export type FakeBridge = { [K in keyof BalanceDeskApi]: ReturnType<typeof vi.fn<BalanceDeskApi[K]>> };

/** Every method a vi.fn with a sensible default answer; tests override per call. */
export function installFakeBridge(): FakeBridge {
  const fake: FakeBridge = {
    lookupBalance: vi.fn<BalanceDeskApi['lookupBalance']>((req) => reply(ok(req.cardId))),
    getSettings: vi.fn<BalanceDeskApi['getSettings']>(() => reply(settingsView())),
    updateSettings: vi.fn<BalanceDeskApi['updateSettings']>(() =>
      reply({ kind: 'ok' as const, settings: settingsView() }),
    ),
    verifyPin: vi.fn<BalanceDeskApi['verifyPin']>(() =>
      reply({
        kind: 'ok' as const,
        managerToken: 'token-0123456789abcdef',
        expiresAt: '2099-01-01T00:00:00Z',
      }),
    ),
    setPin: vi.fn<BalanceDeskApi['setPin']>(() => reply({ kind: 'ok' as const })),
    testConnection: vi.fn<BalanceDeskApi['testConnection']>(() =>
      reply({
        kind: 'tested' as const,
        verdict: 'ok' as const,
        detail: {},
        latencyMs: 12,
        gatewayHost: '127.0.0.1',
      }),
    ),
    getStatus: vi.fn<BalanceDeskApi['getStatus']>(() => reply(appStatus())),
    recentJournal: vi.fn<BalanceDeskApi['recentJournal']>(() => reply([])),
    exitKiosk: vi.fn<BalanceDeskApi['exitKiosk']>(() => reply({ kind: 'ok' as const })),
    recentAudit: vi.fn<BalanceDeskApi['recentAudit']>(() => reply({ kind: 'ok' as const, events: [] })),
    printResult: vi.fn<BalanceDeskApi['printResult']>(() =>
      reply({ kind: 'printed' as const, printer: 'escpos-tcp' as const }),
    ),
    testPrint: vi.fn<BalanceDeskApi['testPrint']>(() =>
      reply({ kind: 'printed' as const, printer: 'escpos-tcp' as const }),
    ),
    listPrinters: vi.fn<BalanceDeskApi['listPrinters']>(() => reply({ kind: 'unavailable' as const })),
    clearCustomerView: vi.fn<BalanceDeskApi['clearCustomerView']>(() => reply({ kind: 'cleared' as const })),
    listDisplays: vi.fn<BalanceDeskApi['listDisplays']>(() =>
      reply({ kind: 'displays' as const, displays: [] }),
    ),
  };
  setBridge(fake);
  return fake;
}
