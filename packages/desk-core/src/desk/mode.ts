import type { AppMode } from '@balance-desk/contract';
import { DEMO_SHOP_ID } from '@balance-desk/top-sandbox';
import { DEMO_SHOP_NAME, startDemoGateway, type DemoCard, type DemoGateway } from '../demo/demo-gateway';
import { readSecret, settingsTarget, type ResolveTarget } from '../lookup/target';
import type { Logger, SettingsStore, Vault } from '../ports';
import { gatewayUrlFor } from '../storage/index';

export interface ModeControllerOptions {
  settings: SettingsStore;
  vault: Vault;
  /** Run the demo gateway while nothing is configured (DESIGN.md "Modes"). */
  demo: boolean;
  logger: Logger;
  startDemo?: () => Promise<DemoGateway>;
}

/** Which gateway the Desk talks to right now, and the demo gateway's lifecycle. */
export interface ModeController {
  mode(): AppMode;
  /** Re-reads settings + vault: configured → production (demo gateway stopped), else demo (started). */
  refresh(): Promise<void>;
  resolveTarget: ResolveTarget;
  /** host[:port] only — never a path, query or credentials. */
  gatewayHost(): string;
  shop(): { name: string; id: string };
  demoCards(): DemoCard[];
  close(): Promise<void>;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export function createModeController(options: ModeControllerOptions): ModeController {
  const { settings, vault, logger } = options;
  const startDemo = options.startDemo ?? (() => startDemoGateway());
  const production = settingsTarget(settings, vault);
  let configured = false;
  let demo: Promise<DemoGateway | undefined> | undefined;
  let demoGateway: DemoGateway | undefined;
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  function ensureDemo(): Promise<DemoGateway | undefined> {
    demo ??= startDemo().then(
      (gateway) => {
        if (closed || configured) {
          void gateway.close();
          return undefined;
        }
        demoGateway = gateway;
        logger.info('demo gateway started', { host: hostOf(gateway.url) });
        return gateway;
      },
      (error: unknown) => {
        logger.error('demo gateway failed to start', { error: error instanceof Error ? error.name : typeof error });
        demo = undefined;
        return undefined;
      },
    );
    return demo;
  }

  async function stopDemo(): Promise<void> {
    const pending = demo;
    demo = undefined;
    const gateway = demoGateway ?? (await pending);
    demoGateway = undefined;
    if (gateway) {
      await gateway.close();
      logger.info('demo gateway stopped');
    }
  }

  async function refreshNow(): Promise<void> {
    configured = settings.isConfigured() && (await readSecret(vault, 'appSecret')) !== undefined;
    if (configured || !options.demo || closed) await stopDemo();
    else await ensureDemo();
  }

  return {
    mode: () => (configured ? 'production' : options.demo && demoGateway ? 'demo' : 'unconfigured'),
    refresh() {
      queue = queue.then(refreshNow, refreshNow);
      return queue;
    },
    async resolveTarget() {
      const resolved = await production();
      if (resolved.ok || !options.demo || closed) return resolved;
      const gateway = await ensureDemo();
      return gateway ? { ok: true, target: gateway.target(settings.get()) } : resolved;
    },
    gatewayHost() {
      if (!configured && demoGateway) return hostOf(demoGateway.url);
      return hostOf(gatewayUrlFor(settings.get()));
    },
    shop() {
      if (!configured && demoGateway) return { name: DEMO_SHOP_NAME, id: DEMO_SHOP_ID };
      const s = settings.get();
      return { name: s.shopName, id: s.shopId || s.outShopId };
    },
    demoCards: () => (!configured && demoGateway ? demoGateway.cards.map((c) => ({ ...c })) : []),
    async close() {
      closed = true;
      await queue.catch(() => undefined);
      await stopDemo();
    },
  };
}
