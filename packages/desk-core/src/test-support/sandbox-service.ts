import {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_SHOP_ID,
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '@balance-desk/top-sandbox';
import { createLookupService, type LookupService, type LookupServiceDeps } from '../lookup/lookup-service';
import { gatewayOrigin } from '@balance-desk/contract';
import { gatewayUrlFor } from '../storage/settings/gateway';
import type { Settings } from '../ports';
import { memoryJournal, memoryLogger, memorySettings, memoryVault } from './memory-ports';

export interface Harness {
  sandbox: RunningSandbox;
  service: LookupService;
  settings: ReturnType<typeof memorySettings>;
  journal: ReturnType<typeof memoryJournal>;
  logger: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

/** A real sandbox gateway on loopback and a lookup service configured for it ('custom' http URL). */
export async function startHarness(
  options: {
    sandbox?: SandboxOptions;
    settings?: Partial<Settings>;
    deps?: Partial<LookupServiceDeps>;
    appSecret?: string;
  } = {},
): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0, ...options.sandbox });
  const settings = memorySettings({
    gatewayKind: 'custom',
    gatewayUrl: sandbox.url,
    appKey: DEMO_APP_KEY,
    brandId: DEMO_BRAND_ID,
    shopId: DEMO_SHOP_ID,
    requestTimeoutMs: 2000,
    ...options.settings,
  });
  const journal = memoryJournal();
  const logger = memoryLogger();
  const service = createLookupService({
    settings,
    // Bound to the sandbox the settings name, as a secret entered in the same form would be.
    vault: memoryVault(
      { appSecret: options.appSecret ?? DEMO_APP_SECRET },
      gatewayOrigin(gatewayUrlFor(settings.get())),
    ),
    journal,
    logger,
    retry: { delaysMs: [10, 20] },
    ...options.deps,
  });
  return {
    sandbox,
    service,
    settings,
    journal,
    logger,
    async close() {
      await service.close();
      await sandbox.close();
    },
  };
}
