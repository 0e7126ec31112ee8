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

/** A bug that fails every render must not spin forever. */
const MAX_RECOVERIES = 20;

/**
 * No error ever leaves the screen unusable (issue #4): a render failure clears the lookup and
 * mounts the area afresh (back to "scan a card"), with one line saying what happened.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false, generation: 0 };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('render failed', error.message, info.componentStack);
    if (this.state.generation >= MAX_RECOVERIES) return;
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
