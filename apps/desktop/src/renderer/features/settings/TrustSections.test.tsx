import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { installFakeBridge, reply, settingsView, type FakeBridge } from '../../test/fake-bridge';
import { press } from '../../test/keys';
import { resetStores } from '../../test/reset';

let bridge: FakeBridge;

async function openSettings(): Promise<void> {
  render(<App />);
  await waitFor(() => expect(document.querySelector('.app')?.getAttribute('data-ready')).toBe('true'));
  press('F2');
  const input = screen.getByLabelText(zhCN.pin.enter);
  fireEvent.change(input, { target: { value: '739164' } });
  fireEvent.keyDown(input, { key: 'Enter' });
  await screen.findByTestId('settings');
}

beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
});
afterEach(() => {
  cleanup();
  resetStores();
});

describe('settings: credentials bound to a gateway, and the activity log', () => {
  it('a connection test refused for credentials of another gateway says to enter them again', async () => {
    bridge.testConnection.mockReturnValueOnce(
      reply({
        kind: 'tested' as const,
        verdict: 'not-configured' as const,
        detail: { text: 'app-secret-other-gateway' },
        latencyMs: 0,
        gatewayHost: 'crm.example.com',
      }),
    );
    await openSettings();
    fireEvent.click(screen.getByTestId('test-connection'));
    await waitFor(() =>
      expect(screen.getByTestId('verdict').textContent).toBe(zhCN.settings.credentialsOtherGateway),
    );
  });

  it('the note beside the secret appears when the gateway changes away from the one it belongs to', async () => {
    bridge.getSettings.mockReturnValue(
      reply(settingsView({ hasAppSecret: true, appSecretOrigin: 'https://gw.api.tbsandbox.com' })),
    );
    await openSettings();
    expect(screen.queryByTestId('secret-elsewhere-appSecret')).toBeNull();
    fireEvent.change(screen.getByLabelText(zhCN.settings.fields.gatewayKind), {
      target: { value: 'production' },
    });
    const note = await screen.findByTestId('secret-elsewhere-appSecret');
    expect(note.textContent).toBe(zhCN.settings.secretOtherGateway('https://gw.api.tbsandbox.com'));
    expect(screen.getByLabelText(/App Secret/).getAttribute('aria-describedby')).toContain('note-appSecret');
  });

  it('shows the last manager actions with time, action, outcome and details, in English too', async () => {
    bridge.recentAudit.mockReturnValue(
      reply({
        kind: 'ok' as const,
        events: [
          {
            at: '2026-11-29T08:00:00.000Z',
            event: 'connection-test' as const,
            outcome: 'bad-signature',
            host: 'crm.example.com',
          },
          {
            at: '2026-11-29T07:59:00.000Z',
            event: 'settings-change' as const,
            outcome: 'ok',
            fields: ['gatewayUrl'],
          },
          {
            at: '2026-11-29T07:58:00.000Z',
            event: 'pin-verify' as const,
            outcome: 'wrong-pin',
            attemptsLeft: 4,
          },
        ],
      }),
    );
    await openSettings();
    const audit = await screen.findByTestId('audit');
    await waitFor(() => expect(within(audit).getAllByRole('row')).toHaveLength(4));
    const rows = within(audit).getAllByRole('row');
    expect(rows[1]?.textContent).toContain(zhCN.audit.events['connection-test']);
    expect(rows[1]?.textContent).toContain(zhCN.settings.verdicts['bad-signature']);
    expect(rows[1]?.textContent).toContain('crm.example.com');
    expect(rows[2]?.textContent).toContain('gatewayUrl');
    expect(rows[3]?.textContent).toContain(zhCN.audit.outcomes['wrong-pin']);
    // The attempts left are said in the manager's language, not as English support text.
    expect(rows[3]?.textContent).toContain('还可尝试 4 次');
    expect(bridge.recentAudit).toHaveBeenCalledWith({ managerToken: 'token-0123456789abcdef', limit: 100 });
    expect(en.audit.outcomes['wrong-pin']).toBe('Wrong PIN');
  });
});
