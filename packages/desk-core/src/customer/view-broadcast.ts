import type { CustomerView, CustomerViewUpdate } from '@balance-desk/contract';
import type { Logger } from '../ports';

export interface FeedTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

type Listener = (update: CustomerViewUpdate) => void;

/**
 * The newest customer view and its sequence number: each published view gets the next number and
 * goes to every subscriber; a long-poll waits for a number past the one it has. Once closed it
 * publishes nothing more, and every poll answers at once.
 */
export class ViewBroadcast {
  private readonly listeners = new Set<Listener>();
  private latest: CustomerViewUpdate;
  private isClosed = false;

  constructor(
    first: CustomerView,
    private readonly timers: FeedTimers,
    private readonly logger: Logger | undefined,
  ) {
    this.latest = { seq: 0, view: first };
  }

  get closed(): boolean {
    return this.isClosed;
  }

  current(): CustomerViewUpdate {
    return this.latest;
  }

  publish(view: CustomerView): void {
    this.latest = { seq: this.latest.seq + 1, view };
    for (const listener of this.listeners) {
      try {
        listener(this.latest);
      } catch (error) {
        this.logger?.error('customer feed: listener failed', {
          error: error instanceof Error ? error.name : typeof error,
        });
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next view after `afterSeq`, or the current one after `timeoutMs`. */
  next(afterSeq: number, timeoutMs: number): Promise<CustomerViewUpdate> {
    if (this.latest.seq > afterSeq || this.isClosed) return Promise.resolve(this.latest);
    return new Promise((resolve) => {
      const done = (): void => {
        this.timers.clearTimeout(timer);
        this.listeners.delete(done);
        resolve(this.latest);
      };
      const timer = this.timers.setTimeout(done, timeoutMs);
      this.listeners.add(done);
    });
  }

  close(): void {
    this.isClosed = true;
    const waiting = [...this.listeners];
    this.listeners.clear();
    // Long-polls waiting on the feed answer now instead of holding the bridge open.
    for (const listener of waiting) listener(this.latest);
  }
}
