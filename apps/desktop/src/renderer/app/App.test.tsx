import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLookupStore } from '../features/lookup/lookup-store';
import {
  account,
  appStatus,
  failure,
  installFakeBridge,
  ok,
  reply,
  SEED,
  settingsView,
  type FakeBridge,
} from '../test/fake-bridge';
import { press, scan } from '../test/keys';
import { resetStores } from '../test/reset';
import { App } from './App';

let bridge: FakeBridge;

async function renderApp(): Promise<void> {
  render(<App />);
  await waitFor(() => expect(document.querySelector('.app')?.getAttribute('data-ready')).toBe('true'));
}

beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  resetStores();
});

describe('cashier screen', () => {
  it('a scan with focus elsewhere shows the balances', async () => {
    await renderApp();
    (document.activeElement as HTMLElement).blur();
    scan(SEED);
    expect(bridge.lookupBalance).toHaveBeenCalledWith({ cardId: SEED });
    const usable = await screen.findByTestId('usable');
    expect(usable.textContent).toBe('¥40.00');
    expect(screen.getByTestId('part-real').textContent).toContain('¥30.00');
    expect(screen.getByTestId('part-real').textContent).toContain('累计 ¥50.00');
    expect(screen.getByTestId('part-gift').textContent).toContain('¥20.00');
    expect(screen.getByTestId('part-pre').textContent).toContain('¥2.00');
    expect(screen.getByTestId('masked-card').textContent).toBe('•••• 0125');
    expect(document.body.textContent).not.toContain(SEED);
    expect(screen.getByTestId('announcer').textContent).toBe('可用余额 ¥40.00');
  });

  it('a scan into the focused field leaves no scanner characters behind', async () => {
    await renderApp();
    const input = screen.getByLabelText<HTMLInputElement>('卡号');
    input.focus();
    scan(SEED);
    await screen.findByTestId('usable');
    expect(input.value).toBe('');
    expect(bridge.lookupBalance).toHaveBeenCalledTimes(1);
  });

  it('a scan while a button has focus does not press it (the scan’s Enter is consumed)', async () => {
    bridge.lookupBalance.mockReturnValueOnce(reply(failure('timeout')));
    await renderApp();
    scan(SEED);
    const retry = await screen.findByRole('button', { name: '重试 (Enter)' });
    retry.focus();
    const t0 = Date.now() - 40;
    [...'111950000052400402'].forEach((ch, i) => press(ch, {}, t0 + 2 * i));
    // press() clicks a focused button on an Enter nobody prevented, as Chromium does.
    expect(press('Enter', {}, t0 + 36).defaultPrevented).toBe(true);
    await waitFor(() => expect(bridge.lookupBalance).toHaveBeenCalledTimes(2));
    expect(bridge.lookupBalance).toHaveBeenLastCalledWith({ cardId: '111950000052400402' });
    await screen.findByTestId('usable');
    expect(bridge.lookupBalance).toHaveBeenCalledTimes(2); // no retry of the old card
  });

  it('after tapping a recent card, focus is back on the card field: typed digits and Enter go there', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await renderApp();
    scan(SEED);
    await screen.findByTestId('usable');
    const recentCard = screen.getByRole('button', { name: /^再次查询 •••• 0125 / });
    recentCard.focus();
    fireEvent.click(recentCard);
    const input = screen.getByLabelText<HTMLInputElement>('卡号');
    expect(document.activeElement).toBe(input);
    await screen.findByTestId('usable');
    // Even with focus left on a button, a person's digits go to the card field, and Enter looks them up.
    recentCard.focus();
    let t = Date.now();
    for (const key of ['1', '2', '3', '4']) {
      vi.setSystemTime((t += 150));
      press(key);
    }
    expect(input.value).toBe('1234');
    expect(document.activeElement).toBe(input);
    vi.setSystemTime(t + 150);
    press('Enter');
    expect(bridge.lookupBalance).toHaveBeenLastCalledWith({ cardId: '1234' });
    expect(bridge.lookupBalance).toHaveBeenCalledTimes(3);
  });

  it('closing settings puts focus back on the card field', async () => {
    await renderApp();
    press('F2');
    await screen.findByTestId('pin-dialog');
    (document.getElementById('pin-input') as HTMLInputElement).focus();
    press('Escape');
    await waitFor(() => expect(document.activeElement?.id).toBe('card-input'));
  });

  it('a scan during the PIN prompt is swallowed: never typed as the PIN, never submitted', async () => {
    await renderApp();
    press('F2');
    await screen.findByTestId('pin-dialog');
    const pin = document.getElementById('pin-input') as HTMLInputElement;
    pin.focus();
    scan(SEED);
    expect(bridge.verifyPin).not.toHaveBeenCalled();
    expect(bridge.lookupBalance).not.toHaveBeenCalled();
    expect(pin.value.length).toBeLessThanOrEqual(3); // at most what came before the burst was recognised
  });

  it('a scanner read longer than a card number is dropped with a message, never looked up or typed', async () => {
    bridge.getSettings.mockReturnValue(
      reply(settingsView({ scanner: { ...settingsView().scanner, maxLength: 9 } })),
    );
    await renderApp();
    const input = screen.getByLabelText<HTMLInputElement>('卡号');
    input.focus();
    const t0 = Date.now() - 40;
    [...'1234567890'].forEach((ch, i) => press(ch, {}, t0 + 2 * i));
    expect(input.value).toBe('123'); // the rest is held back: it is a scanner's
    press('Enter', {}, t0 + 20);
    expect(bridge.lookupBalance).not.toHaveBeenCalled();
    expect(input.value).toBe('');
    expect(screen.getByTestId('scan-notice').dataset['kind']).toBe('not-a-card');
    expect(screen.getByRole('alert').textContent).toContain('扫描的内容不是卡号');
  });

  it('a person types, edits with Backspace and presses Enter', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await renderApp();
    const input = screen.getByLabelText<HTMLInputElement>('卡号');
    input.focus();
    let t = Date.now();
    for (const key of ['1', '1', '9', 'Backspace', '1', '9']) {
      vi.setSystemTime((t += 120));
      const event = press(key);
      if (key === 'Backspace') fireEvent.change(input, { target: { value: input.value.slice(0, -1) } });
      expect(event.defaultPrevented).toBe(false);
    }
    expect(input.value).toBe('1119');
    vi.setSystemTime(t + 120);
    press('Enter');
    expect(bridge.lookupBalance).toHaveBeenCalledWith({ cardId: '1119' });
  });

  it('the keypad types, deletes, clears and looks up', async () => {
    await renderApp();
    const pad = screen.getByRole('group', { name: '数字键盘' });
    for (const d of ['1', '2', '3']) fireEvent.click(within(pad).getByRole('button', { name: d }));
    fireEvent.click(within(pad).getByRole('button', { name: '退格' }));
    expect(screen.getByLabelText<HTMLInputElement>('卡号').value).toBe('12');
    fireEvent.click(within(pad).getByRole('button', { name: '清空' }));
    expect(screen.getByLabelText<HTMLInputElement>('卡号').value).toBe('');
    for (const d of ['1', '2', '3', '4']) fireEvent.click(within(pad).getByRole('button', { name: d }));
    fireEvent.click(within(pad).getByRole('button', { name: '查询' }));
    expect(bridge.lookupBalance).toHaveBeenCalledWith({ cardId: '1234' });
  });

  it('an error says what happened, offers Retry (Enter), and the next scan works', async () => {
    bridge.lookupBalance.mockReturnValueOnce(reply(failure('timeout')));
    await renderApp();
    scan(SEED);
    const error = await screen.findByTestId('error');
    expect(error.getAttribute('data-reason')).toBe('timeout');
    expect(screen.getByTestId('error-message').textContent).toBe(
      '服务器响应超时，余额暂不可用。请稍后重试。',
    );
    expect(error.textContent).toContain('sub.code');
    expect(error.textContent).toContain('req-9');
    expect(screen.getByRole('button', { name: '重试 (Enter)' })).toBeTruthy();
    (document.activeElement as HTMLElement).blur();
    press('Enter');
    expect(await screen.findByTestId('usable')).toBeTruthy();
    expect(bridge.lookupBalance).toHaveBeenCalledTimes(2);
  });

  it('a rejected card shows the CRM’s own text; a final error offers no Retry', async () => {
    bridge.lookupBalance.mockReturnValueOnce(
      reply(failure('rejected', SEED, false, { text: '该卡已冻结，请联系门店' })),
    );
    await renderApp();
    scan(SEED);
    expect((await screen.findByTestId('error-message')).textContent).toBe(
      '会员系统拒绝了查询：该卡已冻结，请联系门店',
    );
    expect(screen.queryByRole('button', { name: '重试 (Enter)' })).toBeNull();
  });

  it('a deleted account never looks like money', async () => {
    bridge.lookupBalance.mockReturnValueOnce(reply(ok(SEED, [account({ deleted: true, usable: 1500 })])));
    await renderApp();
    scan(SEED);
    const card = await screen.findByTestId('account');
    expect(card.getAttribute('data-deleted')).toBe('true');
    expect(screen.getByTestId('closed-banner').textContent).toContain('账户已注销');
    const usable = screen.getByTestId('usable');
    expect(usable.className).toContain('amount--void');
    expect(usable.className).not.toMatch(/amount--x/);
    expect(usable.querySelector('s')?.textContent).toBe('¥15.00');
    expect(screen.getByTestId('announcer').textContent).toBe('账户已注销，余额不可使用');
  });

  it('Esc clears the answer; the countdown shows until then', async () => {
    await renderApp();
    scan(SEED);
    expect((await screen.findByTestId('countdown')).textContent).toBe('30 秒后自动清除');
    press('Escape');
    expect(screen.getByTestId('idle')).toBeTruthy();
    expect(useLookupStore.getState().display.kind).toBe('idle');
  });

  it('recent lookups are masked and look a card up again with one tap', async () => {
    await renderApp();
    scan(SEED);
    await screen.findByTestId('usable');
    press('Escape');
    fireEvent.click(screen.getByRole('button', { name: /^再次查询 •••• 0125 / }));
    expect(bridge.lookupBalance).toHaveBeenCalledTimes(2);
    expect(bridge.lookupBalance).toHaveBeenLastCalledWith({ cardId: SEED });
  });

  it('shows the DEMO badge, the offline banner and translated notices', async () => {
    bridge.getStatus.mockReturnValue(
      reply(
        appStatus({
          online: 'offline',
          notices: [
            { code: 'settings-recovered-from-backup', at: '2024-01-01T00:00:00Z', detail: 'settings.json' },
          ],
        }),
      ),
    );
    await renderApp();
    expect(screen.getByTestId('demo-badge').textContent).toBe('演示 DEMO');
    expect(screen.getByTestId('offline-banner')).toBeTruthy();
    expect(document.body.textContent).toContain('设置文件损坏，已从备份恢复');
    fireEvent.click(screen.getByRole('button', { name: '关闭' }));
    expect(document.body.textContent).not.toContain('设置文件损坏');
  });

  it('speaks English when the locale setting says so', async () => {
    bridge.getSettings.mockReturnValue(reply(settingsView({ locale: 'en' })));
    await renderApp();
    expect(screen.getByText('Scan a member card')).toBeTruthy();
    scan(SEED);
    expect((await screen.findByTestId('announcer')).textContent).toBe('Usable balance ¥40.00');
    expect(document.documentElement.lang).toBe('en');
  });

  it('survives a bridge that is missing entirely', async () => {
    resetStores(); // no fake, and jsdom has no window.balanceDesk
    render(<App />);
    scan(SEED);
    expect((await screen.findByTestId('error')).getAttribute('data-reason')).toBe('bridge');
    await act(() => Promise.resolve());
  });
});
