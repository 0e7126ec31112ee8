import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintAnswer } from '@balance-desk/contract';
import { attachGlobalKeys } from '../../app/global-keys';
import {
  deferred,
  failure,
  installFakeBridge,
  reply,
  SEED,
  settingsView,
  type FakeBridge,
} from '../../test/fake-bridge';
import { resetStores } from '../../test/reset';
import { ResultPanel } from '../lookup/ResultPanel';
import { useLookupStore } from '../lookup/lookup-store';
import { useSettingsStore } from '../settings/settings-store';

let bridge: FakeBridge;
let detachKeys: () => void;
const PRINTER = { kind: 'escpos-tcp', host: '192.168.1.50', port: 9100, paperWidthMm: 80 } as const;

beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
  detachKeys = attachGlobalKeys(window);
});
afterEach(() => {
  detachKeys();
  cleanup();
  resetStores();
});

function withPrinter(printer: typeof PRINTER | null = PRINTER): void {
  useSettingsStore.setState({ view: settingsView({ printer }) });
}

describe('printing the result on screen', () => {
  it('has no Print button without a printer', async () => {
    withPrinter(null);
    render(<ResultPanel />);
    await useLookupStore.getState().lookup(SEED, 'typed');
    await screen.findByTestId('result');
    expect(screen.queryByTestId('print-button')).toBeNull();
    fireEvent.keyDown(window, { key: 'F9' });
    expect(bridge.printResult).not.toHaveBeenCalled();
  });

  it('Print names the result by its time and request id, and says when it printed', async () => {
    withPrinter();
    render(<ResultPanel />);
    await useLookupStore.getState().lookup(SEED, 'typed');
    fireEvent.click(await screen.findByTestId('print-button'));
    expect(bridge.printResult).toHaveBeenCalledWith({ at: '2024-05-20T02:15:00.000Z', requestId: 'req-1' });
    await waitFor(() => expect(screen.getByTestId('print-state').textContent).toBe('小票已打印。'));
  });

  it('F9 prints; a failure says why in words, and Retry prints again', async () => {
    withPrinter();
    bridge.printResult.mockReturnValueOnce(reply<PrintAnswer>({ kind: 'failed', reason: 'unreachable' }));
    render(<ResultPanel />);
    await useLookupStore.getState().lookup(SEED, 'typed');
    await screen.findByTestId('print-button');
    fireEvent.keyDown(window, { key: 'F9' });
    const state = await screen.findByText(/连不上打印机/);
    expect(state.closest('[data-testid="print-state"]')?.getAttribute('data-reason')).toBe('unreachable');
    fireEvent.click(screen.getByTestId('print-retry'));
    await waitFor(() => expect(screen.getByTestId('print-state').textContent).toBe('小票已打印。'));
    expect(bridge.printResult).toHaveBeenCalledTimes(2);
  });

  it('a slow printer never holds up the next scan, and its late answer is not shown on the new result', async () => {
    withPrinter();
    const slow = deferred<Awaited<ReturnType<FakeBridge['printResult']>>>();
    bridge.printResult.mockReturnValueOnce(slow.promise);
    render(<ResultPanel />);
    await useLookupStore.getState().lookup(SEED, 'typed');
    fireEvent.click(await screen.findByTestId('print-button'));
    expect(screen.getByTestId('print-state').textContent).toBe('正在打印…');
    await useLookupStore.getState().lookup('111950000052400200', 'scan');
    expect(bridge.lookupBalance).toHaveBeenCalledTimes(2);
    await screen.findByTestId('result');
    await act(() => {
      slow.resolve({ ok: true, value: { kind: 'printed', printer: 'escpos-tcp' } });
      return Promise.resolve();
    });
    expect(screen.getByTestId('print').getAttribute('data-state')).toBe('idle');
  });

  it('a frozen card can be printed (the slip says its state); a fault cannot', async () => {
    withPrinter();
    bridge.lookupBalance.mockReturnValueOnce(reply(failure('card-state', SEED, false, { text: '卡已冻结' })));
    render(<ResultPanel />);
    await useLookupStore.getState().lookup(SEED, 'typed');
    await screen.findByTestId('card-state');
    expect(screen.getByTestId('print-button')).toBeTruthy();
    bridge.lookupBalance.mockReturnValueOnce(reply(failure('timeout')));
    await useLookupStore.getState().lookup(SEED, 'typed');
    await screen.findByTestId('error');
    expect(screen.queryByTestId('print-button')).toBeNull();
  });
});
