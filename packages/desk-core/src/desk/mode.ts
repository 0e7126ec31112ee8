import type { AppMode } from '@balance-desk/contract';
import { DEMO_SHOP_ID } from '@balance-desk/top-sandbox';
import { DEMO_SHOP_NAME, startDemoGateway, type DemoCard, type DemoGateway } from '../demo/demo-gateway';
import { readSecretState, settingsTarget, type ResolveTarget, type SecretRead } from '../lookup/target';
import type { Logger, SettingsStore, Vault } from '../ports';
import { hostOf } from '../shared/host-of';
import { gatewayUrlFor } from '../storage/index';
import type { NoticeBoard } from './notices';

export interface ModeControllerOptions {
  settings: SettingsStore;
  vault: Vault;
  /** Run the demo gateway while nothing is configured (a terminal never set up). */
  demo: boolean;
  logger: Logger;
  startDemo?: () => Promise<DemoGateway>;
  /** Where an app secret that cannot be decrypted is announced (and withdrawn once a readable one is stored). */
  notices?: NoticeBoard;
}

/** Which gateway the Desk talks to right now, and the demo gateway's lifecycle. */
export interface ModeController {
  /** `demo` only while nothing is configured; a configured terminal without a usable app secret is `unconfigured`. */
  mode(): AppMode;
  /** Re-reads settings + vault: configured → demo gateway stopped (production, or waiting for a secret); nothing configured → demo. */
  refresh(): Promise<void>;
  resolveTarget: ResolveTarget;
  /** host[:port] only — never a path, query or credentials. */
  gatewayHost(): string;
  shop(): { name: string; id: string };
  demoCards(): DemoCard[];
  close(): Promise<void>;
}

export function createModeController(options: ModeControllerOptions): ModeController {
  const { settings, vault, logger, notices } = options;
  const startDemo = options.startDemo ?? (() => startDemoGateway());
  const production = settingsTarget(settings, vault);
  /** From the last refresh or lookup: the vault holds a readable app secret. */
  let secretOk = false;
  let demo: Promise<DemoGateway | undefined> | undefined;
  let demoGateway: DemoGateway | undefined;
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  /*
   * Demo only while NOTHING is configured. A configured terminal whose secret is gone (deleted by
   * a manager) or unreadable (DPAPI reset, another Windows user) must not show demo balances for
   * real cards: it answers not-configured and says why.
   */
  const wantsDemo = (): boolean => options.demo && !closed && !settings.isConfigured();
  const inDemo = (): boolean => !settings.isConfigured() && demoGateway !== undefined;

  function noteSecret(state: SecretRead['state']): void {
    secretOk = state === 'ok';
    if (!notices) return;
    if (state !== 'unreadable') notices.clear('secret-unreadable-reprovision');
    else if (!notices.has('secret-unreadable-reprovision'))
      notices.raise('secret-unreadable-reprovision', 'appSecret');
  }

  function ensureDemo(): Promise<DemoGateway | undefined> {
    demo ??= startDemo().then(
      (gateway) => {
        if (!wantsDemo()) {
          void gateway.close();
          return undefined;
        }
        demoGateway = gateway;
        logger.info('demo gateway started', { host: hostOf(gateway.url) });
        return gateway;
      },
      (error: unknown) => {
        logger.error('demo gateway failed to start', {
          error: error instanceof Error ? error.name : typeof error,
        });
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
    noteSecret((await readSecretState(vault, 'appSecret')).state);
    if (wantsDemo()) await ensureDemo();
    else await stopDemo();
  }

  return {
    mode() {
      if (settings.isConfigured()) return secretOk ? 'production' : 'unconfigured';
      return options.demo && demoGateway ? 'demo' : 'unconfigured';
    },
    refresh() {
      queue = queue.then(refreshNow, refreshNow);
      return queue;
    },
    async resolveTarget() {
      if (settings.isConfigured()) {
        const resolved = await production();
        if (resolved.ok) noteSecret('ok');
        else if (resolved.text === 'app-secret-missing') noteSecret('missing');
        else if (resolved.text === 'app-secret-unreadable') noteSecret('unreadable');
        return resolved;
      }
      const gateway = wantsDemo() ? await ensureDemo() : undefined;
      return gateway ? { ok: true, target: gateway.target(settings.get()) } : { ok: false, text: 'settings' };
    },
    gatewayHost() {
      if (inDemo() && demoGateway) return hostOf(demoGateway.url);
      return hostOf(gatewayUrlFor(settings.get()));
    },
    shop() {
      if (inDemo()) return { name: DEMO_SHOP_NAME, id: DEMO_SHOP_ID };
      const s = settings.get();
      return { name: s.shopName, id: s.shopId || s.outShopId };
    },
    demoCards: () => (inDemo() && demoGateway ? demoGateway.cards.map((c) => ({ ...c })) : []),
    async close() {
      closed = true;
      await queue.catch(() => undefined);
      await stopDemo();
    },
  };
}
