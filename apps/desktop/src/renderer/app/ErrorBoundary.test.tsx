import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

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
