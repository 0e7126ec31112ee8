import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zhCN } from '../../i18n/zh-CN';
import { failure, installFakeBridge, ok, reply, type FakeBridge } from '../../test/fake-bridge';
import { resetStores } from '../../test/reset';
import { useLookupStore } from '../lookup/lookup-store';
import { useSettingsStore } from '../settings/settings-store';
import { NoticeBanners } from './NoticeBanners';

let bridge: FakeBridge;
beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
});
afterEach(() => {
  cleanup();
  resetStores();
});

const CARDS = ['111950000011110001', '111950000011110002', '111950000011110003'];

/** The CRM's isv.invalid-parameter for a card that passed the local checks. */
async function invalidParameter(cardId: string): Promise<void> {
  bridge.lookupBalance.mockReturnValueOnce(
    reply(failure('invalid-card', cardId, false, { code: 41, subCode: 'isv.invalid-parameter' })),
  );
  await act(() => useLookupStore.getState().lookup(cardId, 'scan'));
}

describe('several different cards refused as an invalid parameter', () => {
  it('point the manager to Test connection, once three different cards in a row say so', async () => {
    render(<NoticeBanners />);
    await invalidParameter(CARDS[0]!);
    await invalidParameter(CARDS[0]!); // the same card again is not more evidence
    await invalidParameter(CARDS[1]!);
    expect(screen.queryByTestId('settings-hint')).toBeNull();
    await invalidParameter(CARDS[2]!);
    expect(screen.getByTestId('settings-hint').textContent).toContain(zhCN.cardState.settingsBanner);
    fireEvent.click(screen.getByRole('button', { name: zhCN.cardState.openSettings }));
    expect(useSettingsStore.getState().stage).not.toBe('closed');
  });

  it('a balance in between ends the streak; Close hides the banner', async () => {
    render(<NoticeBanners />);
    await invalidParameter(CARDS[0]!);
    await invalidParameter(CARDS[1]!);
    bridge.lookupBalance.mockReturnValueOnce(reply(ok()));
    await act(() => useLookupStore.getState().lookup('111950000052400125', 'scan'));
    await invalidParameter(CARDS[2]!);
    expect(screen.queryByTestId('settings-hint')).toBeNull();
    await invalidParameter(CARDS[0]!);
    await invalidParameter(CARDS[1]!);
    expect(screen.getByTestId('settings-hint')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: zhCN.dismiss }));
    expect(screen.queryByTestId('settings-hint')).toBeNull();
  });
});
