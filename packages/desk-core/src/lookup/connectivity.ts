import type { Classified } from './classify';

export type Connectivity = 'online' | 'offline' | 'unknown';

/** Derived from the last gateway call: a transport failure → offline, any gateway answer → online. */
export interface ConnectivityTracker {
  current(): Connectivity;
  /** A call ended; `reached` says whether a gateway answered (a local refusal tells nothing). */
  note(reached: Classified['reached']): void;
}

export function createConnectivityTracker(): ConnectivityTracker {
  let connectivity: Connectivity = 'unknown';
  return {
    current: () => connectivity,
    note(reached) {
      if (reached !== 'local') connectivity = reached;
    },
  };
}
