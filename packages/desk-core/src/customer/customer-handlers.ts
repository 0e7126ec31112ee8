import type { ChannelName, DisplayOption } from '@balance-desk/contract';
import type { Handlers } from '../desk/handlers';
import type { CustomerFeed } from './customer-feed';

/** Lists the displays a manager may choose from; Electron main passes one over `screen`. */
export type DisplayLister = () => DisplayOption[];

type CustomerChannel = Extract<ChannelName, `customer:${string}`>;

/** The customer display's channels, joined into desk-core's handler map. */
export function customerHandlers(
  feed: CustomerFeed,
  displays: DisplayLister | undefined,
): Pick<Handlers, CustomerChannel> {
  return {
    'customer:clear': () => {
      feed.clear();
      return Promise.resolve({ kind: 'cleared' });
    },
    'customer:displays': () =>
      Promise.resolve({ kind: 'displays', displays: (displays?.() ?? []).slice(0, 16) }),
  };
}
