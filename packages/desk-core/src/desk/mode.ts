import { CREDENTIAL_BINDING_PROBLEMS, type AppMode } from '@balance-desk/contract';
import { DEMO_SHOP_ID } from '@balance-desk/top-sandbox';
import { DEMO_SHOP_NAME, startDemoGateway, type DemoCard, type DemoGateway } from './demo-gateway';
import { settingsTarget, type ResolveTarget, type TargetResolution } from '../lookup/target';
import type { Logger, ProxyResolver, SettingsStore, Vault } from '../ports';
import { hostOf } from '../util/host-of';
import { gatewayUrlFor } from '../storage/settings/gateway';
import { readSecretState } from '../storage/vault/secret-read';
import type { ConfigurationHistory } from './configuration-history';
import type { NoticeBoard } from './notices';
import { errorName } from '../util/error-name';

export interface ModeControllerOptions {
  settings: SettingsStore;
  vault: Vault;
  /** Run the demo gateway while nothing is configured (a terminal never set up). */
  demo: boolean;
  /**
   * A provisioning run failed and could not be undone: the settings may be half-new. No demo, no
   * lookups (`not-configured`) until the next start provisions again.
   */
  failClosed?: boolean;
  logger: Logger;
  startDemo?: () => Promise<DemoGateway>;
  /** Where an app secret that cannot be decrypted is announced (and withdrawn once a readable one is stored). */
  notices?: NoticeBoard;
  /** The system proxy, followed when settings name none. */
  proxies?: ProxyResolver;
  /** Was this terminal ever configured (or asked to be)? Then never demo. Default: judged by settings alone. */
  history?: Pick<ConfigurationHistory, 'everConfigured' | 'traces'>;
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
  /** A provisioning run could not be undone: no signed call of any kind until the next start. */
  failedClosed(): boolean;
  close(): Promise<void>;
}

export function createModeController(options: ModeControllerOptions): ModeController {
  const { settings, vault, logger, notices } = options;
  const startDemo = options.startDemo ?? (() => startDemoGateway());
  const production = settingsTarget(settings, vault, options.proxies);
  /** From the last refresh or lookup: the vault holds a readable app secret. */
  let secretOk = false;
  let demo: Promise<DemoGateway | undefined> | undefined;
  let demoGateway: DemoGateway | undefined;
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  /*
   * Demo only while NOTHING is configured and never was. A configured terminal whose secret is
   * gone (deleted by a manager) or unreadable (DPAPI reset, another Windows user), or whose
   * settings were lost, must not show demo balances for real cards: it answers not-configured
   * and says why.
   */
  const failClosed = options.failClosed === true;
  const everConfigured = (): boolean => options.history?.everConfigured() ?? false;
  const wantsDemo = (): boolean =>
    options.demo && !failClosed && !closed && !settings.isConfigured() && !everConfigured();
  const inDemo = (): boolean => wantsDemo() && demoGateway !== undefined;

  /** Raises or withdraws one notice, keeping the time it was first raised. */
  function announce(code: 'secret-unreadable-reprovision' | 'credentials-other-gateway', detail?: string) {
    if (!notices) return;
    if (detail === undefined) notices.clear(code);
    else if (!notices.has(code)) notices.raise(code, detail);
  }

  function noteSecret(text: string): void {
    secretOk = text === 'ok';
    announce('secret-unreadable-reprovision', text === 'app-secret-unreadable' ? 'appSecret' : undefined);
    const otherGateway = (CREDENTIAL_BINDING_PROBLEMS as readonly string[]).includes(text);
    announce('credentials-other-gateway', otherGateway ? text : undefined);
  }

  function noteResolution(resolved: TargetResolution): void {
    noteSecret(resolved.ok ? 'ok' : resolved.text);
  }

  /** Settings missing on a terminal that was configured: the cashier calls the manager. */
  function noteLost(): void {
    if (!notices) return;
    if (settings.isConfigured() || !everConfigured()) notices.clear('configuration-missing');
    else if (!notices.has('configuration-missing'))
      notices.raise('configuration-missing', options.history?.traces().join(',') || undefined);
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
          error: errorName(error),
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
    noteLost();
    if (settings.isConfigured()) noteResolution(await production());
    else {
      const state = (await readSecretState(vault, 'appSecret')).state;
      noteSecret(state === 'ok' ? 'ok' : `app-secret-${state}`);
    }
    if (wantsDemo()) await ensureDemo();
    else await stopDemo();
  }

  return {
    mode() {
      if (failClosed) return 'unconfigured';
      if (settings.isConfigured()) return secretOk ? 'production' : 'unconfigured';
      return inDemo() ? 'demo' : 'unconfigured';
    },
    refresh() {
      queue = queue.then(refreshNow, refreshNow);
      return queue;
    },
    async resolveTarget() {
      if (failClosed) return { ok: false, text: 'settings' };
      if (settings.isConfigured()) {
        const resolved = await production();
        noteResolution(resolved);
        return resolved;
      }
      const gateway = wantsDemo() ? await ensureDemo() : undefined;
      if (gateway) return { ok: true, target: gateway.target(settings.get()) };
      return { ok: false, text: everConfigured() ? 'configuration-missing' : 'settings' };
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
    failedClosed: () => failClosed,
    async close() {
      closed = true;
      await queue.catch(() => undefined);
      await stopDemo();
    },
  };
}
