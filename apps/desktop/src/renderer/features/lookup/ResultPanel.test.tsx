import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  account,
  failure,
  installFakeBridge,
  ok,
  reply,
  SEED,
  type FakeBridge,
} from '../../test/fake-bridge';
import { resetStores } from '../../test/reset';
import { useLookupStore } from './lookup-store';
import { ResultPanel } from './ResultPanel';

let bridge: FakeBridge;

beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
});
afterEach(() => {
  cleanup();
  resetStores();
});

describe('ResultPanel for screen readers', () => {
  it('announces an error once: through the live region, not also as an alert', async () => {
    bridge.lookupBalance.mockReturnValueOnce(reply(failure('timeout')));
    render(<ResultPanel />);
    await useLookupStore.getState().lookup(SEED, 'typed');
    await screen.findByTestId('error');
    expect(screen.queryAllByRole('alert')).toEqual([]);
    expect(document.querySelectorAll('[aria-live]')).toHaveLength(1);
    expect(screen.getByTestId('announcer').textContent).toBe(screen.getByTestId('error-message').textContent);
  });

  it('a closed account: every amount struck, and read as "closed, not usable", never as money', async () => {
    bridge.lookupBalance.mockReturnValueOnce(reply(ok(SEED, [account({ deleted: true })])));
    render(<ResultPanel />);
    await useLookupStore.getState().lookup(SEED, 'typed');
    const card = await screen.findByTestId('account');
    await waitFor(() => expect(card.getAttribute('data-deleted')).toBe('true'));
    for (const id of ['usable', 'part-real', 'part-gift', 'part-pre']) {
      const area = within(card).getByTestId(id);
      for (const struck of area.querySelectorAll('s'))
        expect(struck.getAttribute('aria-hidden')).toBe('true');
      expect(area.querySelectorAll('.sr-only').length).toBeGreaterThan(0);
      expect(area.querySelector('.sr-only')?.textContent).toBe('已注销，不可用');
    }
    const real = within(card).getByTestId('part-real');
    expect([...real.querySelectorAll('s')].map((s) => s.textContent)).toEqual(['¥30.00', '累计 ¥50.00']);
  });
});
