import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { appStatus, installFakeBridge, reply, settingsView, type FakeBridge } from '../../test/fake-bridge';
import { press } from '../../test/keys';
import { resetStores } from '../../test/reset';

let bridge: FakeBridge;

beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
});
afterEach(() => {
  cleanup();
  resetStores();
});

/** Opens the settings behind the PIN, in the language the settings name. */
async function openSettings(labels: { pin: string }): Promise<void> {
  render(<App />);
  await waitFor(() => expect(document.querySelector('.app')?.getAttribute('data-ready')).toBe('true'));
  press('F2');
  const input = screen.getByLabelText(labels.pin);
  fireEvent.change(input, { target: { value: '739164' } });
  fireEvent.keyDown(input, { key: 'Enter' });
  expect(await screen.findByTestId('settings')).toBeTruthy();
}

describe('a save the disk refused', () => {
  it('says the disk could not be written and nothing changed, keeps the draft, and saves on the next try (zh-CN)', async () => {
    await openSettings({ pin: '请输入店长密码' });
    const shop = screen.getByLabelText<HTMLInputElement>('门店名称');
    fireEvent.change(shop, { target: { value: '新店' } });
    bridge.updateSettings.mockReturnValueOnce(
      reply({ kind: 'failed' as const, reason: 'disk' as const, code: 'ENOSPC' }),
    );
    fireEvent.click(screen.getByTestId('save'));
    const state = screen.getByTestId('save-state');
    await waitFor(() =>
      expect(state.textContent).toBe(
        '无法写入磁盘（磁盘已满、只读或出错），设置未作任何更改。已填写的内容会保留，请检查磁盘后重试。 · ENOSPC',
      ),
    );
    expect(state.className).toContain('settings__msg--bad');
    expect(shop.value).toBe('新店');
    expect(bridge.updateSettings).toHaveBeenLastCalledWith({
      managerToken: 'token-0123456789abcdef',
      patch: { shopName: '新店' },
    });

    // The same draft goes out again, and this time it is saved.
    bridge.updateSettings.mockReturnValueOnce(
      reply({ kind: 'ok' as const, settings: settingsView({ shopName: '新店' }) }),
    );
    fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(state.textContent).toBe('已保存。'));
    expect(bridge.updateSettings).toHaveBeenLastCalledWith({
      managerToken: 'token-0123456789abcdef',
      patch: { shopName: '新店' },
    });
  });

  it('in English, and says so when the previous settings could not all be put back', async () => {
    bridge.getSettings.mockImplementation(() => reply(settingsView({ locale: 'en' })));
    bridge.getStatus.mockImplementation(() => reply(appStatus({ locale: 'en' })));
    await openSettings({ pin: 'Enter the manager PIN' });
    const shop = screen.getByLabelText<HTMLInputElement>('Shop name');
    fireEvent.change(shop, { target: { value: 'New shop' } });
    bridge.updateSettings.mockReturnValueOnce(
      reply({ kind: 'failed' as const, reason: 'disk' as const, code: 'EROFS' }),
    );
    fireEvent.click(screen.getByTestId('save'));
    const state = screen.getByTestId('save-state');
    await waitFor(() =>
      expect(state.textContent).toBe(
        'The disk could not be written (full, read-only or failing): nothing was changed. Your entries are kept; check the disk and save again. · EROFS',
      ),
    );
    expect(shop.value).toBe('New shop');

    bridge.updateSettings.mockReturnValueOnce(
      reply({ kind: 'failed' as const, reason: 'disk-not-undone' as const, code: 'EIO' }),
    );
    fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(state.textContent).toContain('could not all be put back'));
    expect(shop.value).toBe('New shop');
  });
});
