import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary, RECOVERY_WINDOW_MS } from './ErrorBoundary';

afterEach(cleanup);

/** Broken until the boundary's recovery resets it, like a store holding a bad value. */
const state = { broken: true };
function Flaky() {
  if (state.broken) throw new Error('render bug');
  return <p>working</p>;
}

describe('ErrorBoundary', () => {
  it('recovers from a render failure: resets state, remounts, says so', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const onRecover = vi.fn(() => {
      state.broken = false;
    });
    render(
      <ErrorBoundary message="recovered" onRecover={onRecover}>
        <Flaky />
      </ErrorBoundary>,
    );
    expect(screen.getByText('working')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('recovered');
    expect(onRecover).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
  });
});

describe('ErrorBoundary: the recovery limit', () => {
  it('stops after 20 recoveries in a minute, and recovers again once they are older than the window', () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const always = { broken: true };
    function Broken() {
      if (always.broken) throw new Error('render bug');
      return <p>working again</p>;
    }
    const onRecover = vi.fn();
    render(
      <ErrorBoundary message="recovered" onRecover={onRecover}>
        <Broken />
      </ErrorBoundary>,
    );
    // Every recovery fails again at once: the boundary gives up after the 20th…
    expect(onRecover).toHaveBeenCalledTimes(20);
    expect(screen.queryByText('working again')).toBeNull();
    // …until the first of those is a minute old; by then the bug is gone.
    always.broken = false;
    act(() => {
      vi.advanceTimersByTime(RECOVERY_WINDOW_MS - 1);
    });
    expect(onRecover).toHaveBeenCalledTimes(20);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(onRecover).toHaveBeenCalledTimes(21);
    expect(screen.getByText('working again')).toBeTruthy();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
});
