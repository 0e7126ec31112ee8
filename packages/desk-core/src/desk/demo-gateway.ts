import {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_CARDS,
  DEMO_SHOP_ID,
  FAULT_CARDS,
  startSandbox,
  type RunningSandbox,
} from '@balance-desk/top-sandbox';
import { gatewayOrigin } from '@balance-desk/contract';
import type { Settings } from '../ports';
import type { GatewayTarget } from '../lookup/target';

export const DEMO_SHOP_NAME = '演示门店 Demo Store';

export interface DemoCard {
  label: string;
  cardId: string;
}

/**
 * What a trainer sees listed in demo mode: the interesting balances first, then a few faults so
 * the error screens can be rehearsed. Labels are bilingual because they are data, not UI strings.
 */
const DEMO_CARD_LIST: readonly DemoCard[] = [
  { label: '储值卡 Stored-value card', cardId: DEMO_CARDS.seed },
  { label: '零余额 Zero balance', cardId: DEMO_CARDS.zero },
  { label: '仅赠送 Gift only', cardId: DEMO_CARDS.giftOnly },
  { label: '仅预储 Pre-stored only', cardId: DEMO_CARDS.preOnly },
  { label: '大额 Large amounts', cardId: DEMO_CARDS.large },
  { label: '一卡两户 Two accounts', cardId: DEMO_CARDS.twoAccounts },
  { label: '已注销 Deleted account', cardId: DEMO_CARDS.deleted },
  { label: '他店卡 Other shop (not found)', cardId: DEMO_CARDS.otherShop },
  { label: '冻结卡 Frozen card', cardId: FAULT_CARDS.bizError },
  { label: '网关慢 Slow gateway', cardId: FAULT_CARDS.slow },
  { label: '限流 Rate limited', cardId: FAULT_CARDS.rateLimited },
  { label: '网关故障 Gateway unavailable', cardId: FAULT_CARDS.serviceUnavailable },
  { label: '断线 Connection dropped', cardId: FAULT_CARDS.dropConnection },
  { label: '时钟错误 Clock skew', cardId: FAULT_CARDS.clockSkew },
].filter((card): card is DemoCard => typeof card.cardId === 'string' && card.cardId !== '');

export interface DemoGateway {
  /** `http://127.0.0.1:<port>/router/rest` */
  url: string;
  sandbox: RunningSandbox;
  cards: readonly DemoCard[];
  /** The lookup target for demo mode; timeout comes from the settings, the rest is fixed demo data. */
  target(settings: Settings): GatewayTarget;
  close(): Promise<void>;
}

export interface DemoGatewayOptions {
  /** Extra latency on every answer (trainers like to see the spinner). Default 0. */
  latencyMs?: number;
  /** Latency of the `slow` fault card. Default: the sandbox's (1500 ms). */
  slowMs?: number;
}

/** The in-process sandbox gateway of demo mode (nothing configured yet): loopback only, demo credentials. */
export async function startDemoGateway(options: DemoGatewayOptions = {}): Promise<DemoGateway> {
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    apps: [{ appKey: DEMO_APP_KEY, appSecret: DEMO_APP_SECRET }],
    ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
    ...(options.slowMs === undefined ? {} : { slowMs: options.slowMs }),
  });
  let closing: Promise<void> | undefined;
  return {
    url: sandbox.url,
    sandbox,
    cards: DEMO_CARD_LIST,
    target: (settings) => ({
      mode: 'demo',
      gatewayUrl: sandbox.url,
      appKey: DEMO_APP_KEY,
      appSecret: DEMO_APP_SECRET,
      // The demo credentials are made for this local gateway only.
      appSecretOrigin: gatewayOrigin(sandbox.url),
      session: undefined,
      sessionOrigin: undefined,
      signMethod: settings.signMethod,
      scope: { brandId: DEMO_BRAND_ID, shopId: DEMO_SHOP_ID },
      timeoutMs: settings.requestTimeoutMs,
      // The demo data set is in fen, whatever the manager set for production.
      amountUnit: 'fen',
    }),
    close: () => (closing ??= sandbox.close()),
  };
}
