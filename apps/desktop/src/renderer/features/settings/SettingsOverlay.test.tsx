import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { installFakeBridge, reply, SEED, settingsView, type FakeBridge } from '../../test/fake-bridge';
import { press, scan } from '../../test/keys';
import { resetStores } from '../../test/reset';
import { LONG_PRESS_MS } from '../../hooks/use-long-press';

let bridge: FakeBridge;

async function renderApp(): Promise<void> {
  render(<App />);
  await waitFor(() => expect(document.querySelector('.app')?.getAttribute('data-ready')).toBe('true'));
}

function typePin(pin: string): void {
  const input = screen.getByLabelText('请输入店长密码');
  fireEvent.change(input, { target: { value: pin } });
  fireEvent.keyDown(input, { key: 'Enter' });
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

describe('settings behind the manager PIN', () => {
  it('F2 → wrong PIN (attempts left) → right PIN → field-level errors keep the input → save', async () => {
    bridge.verifyPin.mockReturnValueOnce(reply({ kind: 'wrong-pin' as const, attemptsLeft: 4 }));
    await renderApp();
    press('F2');
    expect(screen.getByTestId('pin-dialog')).toBeTruthy();
    typePin('1111');
    expect((await screen.findByTestId('pin-message')).textContent).toBe('密码不正确，还可尝试 4 次。');
    typePin('739164');
    expect(await screen.findByTestId('settings')).toBeTruthy();

    const idle = screen.getByLabelText<HTMLInputElement>('自动清除（秒）');
    fireEvent.change(idle, { target: { value: '5 s' } });
    fireEvent.click(screen.getByTestId('save'));
    expect((await screen.findByTestId('error-idleClearSeconds')).textContent).toBe('请输入整数。');
    expect(idle.value).toBe('5 s');
    expect(idle.getAttribute('aria-invalid')).toBe('true');

    bridge.updateSettings.mockReturnValueOnce(
      reply({
        kind: 'invalid' as const,
        fieldErrors: { idleClearSeconds: 'out-of-range' },
      }),
    );
    fireEvent.change(idle, { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('save'));
    expect((await screen.findByTestId('error-idleClearSeconds')).textContent).toBe('超出允许范围。');
    expect(idle.value).toBe('2');

    bridge.updateSettings.mockReturnValueOnce(
      reply({ kind: 'ok' as const, settings: settingsView({ idleClearSeconds: 5 }) }),
    );
    fireEvent.change(idle, { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(screen.getByTestId('save-state').textContent).toBe('已保存。'));
    expect(bridge.updateSettings).toHaveBeenLastCalledWith({
      managerToken: 'token-0123456789abcdef',
      patch: { idleClearSeconds: 5 },
    });
  });

  it('secrets are write-only: "set" / "not set", typing replaces, Clear deletes', async () => {
    await renderApp();
    press('F2');
    typePin('739164');
    await screen.findByTestId('settings');
    expect(screen.getByTestId('secret-appSecret').textContent).toBe('已设置');
    expect(screen.getByTestId('secret-sessionKey').textContent).toBe('未设置');
    fireEvent.click(screen.getByRole('button', { name: '清除' }));
    fireEvent.click(screen.getByTestId('save'));
    await waitFor(() =>
      expect(bridge.updateSettings).toHaveBeenCalledWith({
        managerToken: 'token-0123456789abcdef',
        patch: { appSecret: null },
      }),
    );
  });

  it('tests the connection and shows the verdict', async () => {
    await renderApp();
    press('F2');
    typePin('739164');
    await screen.findByTestId('settings');
    fireEvent.click(screen.getByTestId('test-connection'));
    await waitFor(() => expect(screen.getByTestId('verdict').getAttribute('data-verdict')).toBe('ok'));
    expect(screen.getByTestId('verdict').textContent).toContain('连接正常。');
    expect(screen.getByTestId('verdict').textContent).toContain('耗时 12 毫秒');
  });

  it('a test that sent nothing (settings incomplete) gives no time taken', async () => {
    bridge.testConnection.mockReturnValueOnce(
      reply({
        kind: 'tested' as const,
        verdict: 'not-configured' as const,
        detail: {},
        latencyMs: 0,
        gatewayHost: '',
      }),
    );
    await renderApp();
    press('F2');
    typePin('739164');
    await screen.findByTestId('settings');
    fireEvent.click(screen.getByTestId('test-connection'));
    await waitFor(() =>
      expect(screen.getByTestId('verdict').getAttribute('data-verdict')).toBe('not-configured'),
    );
    expect(screen.getByTestId('verdict').textContent).toBe('尚未配置完整，无法测试。');
  });

  it('a long press on the shop name opens the PIN dialog; the scanner pauses while it is open; Esc closes', async () => {
    await renderApp();
    vi.useFakeTimers();
    fireEvent.pointerDown(screen.getByTestId('shop'), { button: 0 });
    act(() => {
      vi.advanceTimersByTime(LONG_PRESS_MS);
    });
    vi.useRealTimers();
    expect(screen.getByTestId('pin-dialog')).toBeTruthy();
    scan(SEED);
    expect(bridge.lookupBalance).not.toHaveBeenCalled();
    press('Escape');
    expect(screen.queryByTestId('pin-dialog')).toBeNull();
    scan(SEED);
    expect(bridge.lookupBalance).toHaveBeenCalledTimes(1);
  });

  it('without a PIN, asks to set one first', async () => {
    bridge.getSettings.mockReturnValue(reply(settingsView({ hasManagerPin: false })));
    await renderApp();
    press('F2');
    expect(screen.getByTestId('set-pin-dialog')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('新密码（4–12 位数字）'), { target: { value: '739164' } });
    fireEvent.change(screen.getByLabelText('再次输入新密码'), { target: { value: '739164' } });
    fireEvent.click(screen.getByRole('button', { name: '设置密码' }));
    expect(await screen.findByTestId('settings')).toBeTruthy();
    expect(bridge.setPin).toHaveBeenCalledWith({ newPin: '739164' });
  });
});

describe('the dialogs are modal and keep what was typed', () => {
  it('the cashier screen behind an open dialog is inert; closing gives it back', async () => {
    await renderApp();
    const main = document.querySelector('main');
    expect(main?.hasAttribute('inert')).toBe(false);
    press('F2');
    expect(screen.getByTestId('pin-dialog')).toBeTruthy();
    expect(main?.hasAttribute('inert')).toBe(true);
    expect(document.querySelector('.overlay')?.hasAttribute('inert')).toBe(false);
    press('Escape');
    expect(main?.hasAttribute('inert')).toBe(false);
  });

  it('changing the PIN: Cancel goes back to the form (draft kept); a new PIN says "set"', async () => {
    await renderApp();
    press('F2');
    typePin('739164');
    await screen.findByTestId('settings');
    fireEvent.change(screen.getByLabelText('门店名称'), { target: { value: 'Typed name' } });
    fireEvent.click(screen.getByRole('button', { name: '修改店长密码' }));
    expect(screen.getByTestId('set-pin-dialog')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(screen.getByLabelText<HTMLInputElement>('门店名称').value).toBe('Typed name');

    fireEvent.click(screen.getByRole('button', { name: '修改店长密码' }));
    fireEvent.change(screen.getByLabelText('新密码（4–12 位数字）'), { target: { value: '739165' } });
    fireEvent.change(screen.getByLabelText('再次输入新密码'), { target: { value: '739165' } });
    fireEvent.click(screen.getByRole('button', { name: '设置密码' }));
    await waitFor(() => expect(screen.getByTestId('pin-changed').textContent).toBe('店长密码已设置。'));
    expect(screen.getByLabelText<HTMLInputElement>('门店名称').value).toBe('Typed name');
    expect(bridge.setPin).toHaveBeenCalledWith({ newPin: '739165', managerToken: 'token-0123456789abcdef' });
  });
});
