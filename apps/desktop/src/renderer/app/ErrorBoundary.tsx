import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useLookupStore } from '../features/lookup/lookup-store';

interface Props {
  children: ReactNode;
  message: string;
  /** Puts the state that may have caused the failure back to a safe start. Default: clear the lookup. */
  onRecover?: () => void;
}
interface State {
  failed: boolean;
  generation: number;
}

/**
 * A bug that fails every render must not spin forever: at most this many recoveries within
 * RECOVERY_WINDOW_MS. Older ones no longer count, so a screen that has been rendering fine for a
 * while recovers again (a lifetime cap would leave the result area blank for the rest of the day).
 */
const MAX_RECOVERIES = 20;
export const RECOVERY_WINDOW_MS = 60_000;

/**
 * No error ever leaves the screen unusable: a render failure clears the lookup and
 * mounts the area afresh (back to "scan a card"), with one line saying what happened.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false, generation: 0 };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  /** When each recent recovery happened (Date.now()), oldest first. */
  private recoveries: number[] = [];
  /** Set while over the limit: the retry once the oldest recovery leaves the window. */
  private retry: ReturnType<typeof setTimeout> | undefined;

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('render failed', error.message, info.componentStack);
    const now = Date.now();
    this.recoveries = this.recoveries.filter((at) => now - at < RECOVERY_WINDOW_MS);
    const [oldest] = this.recoveries;
    if (this.recoveries.length >= MAX_RECOVERIES && oldest !== undefined) {
      clearTimeout(this.retry);
      this.retry = setTimeout(() => this.recover(), oldest + RECOVERY_WINDOW_MS - now);
      return;
    }
    this.recover();
  }

  override componentWillUnmount(): void {
    clearTimeout(this.retry);
  }

  private recover(): void {
    this.retry = undefined;
    this.recoveries.push(Date.now());
    (this.props.onRecover ?? (() => useLookupStore.getState().clear()))();
    this.setState((s) => ({ failed: false, generation: s.generation + 1 }));
  }

  override render(): ReactNode {
    return (
      <>
        {(this.state.failed || this.state.generation > 0) && (
          <p className="banner banner--notice" role="status">
            {this.props.message}
          </p>
        )}
        {!this.state.failed && (
          <div key={this.state.generation} className="boundary">
            {this.props.children}
          </div>
        )}
      </>
    );
  }
}
