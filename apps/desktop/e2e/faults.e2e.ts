import { zhCN } from '../src/renderer/i18n/zh-CN';
import { CARDS, FAULTS } from './cards';
import { expect, test } from './fixtures';

/** The bridge client posts to /ipc/<encodeURIComponent(channel)>. */
const LOOKUP_CALL = /\/ipc\/balance(:|%3A)lookup$/;

/** What desk-core makes of each sandbox fault (its LookupOutcome reason), and whether Retry is offered. */
const EXPECTED: Record<
  keyof typeof FAULTS,
  { reason: keyof typeof zhCN.errors.reasons; retriable: boolean }
> = {
  slow: { reason: 'timeout', retriable: true }, // 1.5 s answer, 1 s request timeout in this file
  rateLimited: { reason: 'rate-limited', retriable: true },
  serviceUnavailable: { reason: 'gateway', retriable: true },
  permission: { reason: 'permission', retriable: false },
  invalidSession: { reason: 'credentials', retriable: false },
  bizError: { reason: 'card-state', retriable: false },
  http502: { reason: 'gateway', retriable: true },
  http503: { reason: 'gateway', retriable: true },
  html: { reason: 'unexpected-response', retriable: false },
  malformedJson: { reason: 'unexpected-response', retriable: false },
  truncatedJson: { reason: 'unexpected-response', retriable: true },
  oversized: { reason: 'unexpected-response', retriable: false },
  dropConnection: { reason: 'network', retriable: true },
  neverEnds: { reason: 'timeout', retriable: true },
  invalidParameter: { reason: 'invalid-card', retriable: false },
  clockSkew: { reason: 'clock-skew', retriable: false },
};

test.describe('errors: one plain sentence each, and the screen recovers', () => {
  test('every sandbox fault card produces its message; the next scan works', async ({ cashier, preview }) => {
    await preview.configure({ requestTimeoutMs: 1000 });
    await cashier.open(preview.url);
    const finals: Partial<Record<string, string>> = zhCN.errors.reasonsFinal;
    for (const [name, cardId] of Object.entries(FAULTS) as [keyof typeof FAULTS, string][]) {
      const { reason, retriable } = EXPECTED[name];
      await cashier.scan(cardId);
      await expect(cashier.answerFor(cardId), name).toBeVisible();
      await expect(cashier.page.getByRole('button', { name: zhCN.errors.retry }), name).toHaveCount(
        retriable ? 1 : 0,
      );
      await expect(cashier.usable).toHaveCount(0); // an error never sits next to a balance
      if (reason === 'card-state') {
        // A frozen card is the card's state, in words a cashier (who is the store) can act on.
        await expect(cashier.error).toHaveCount(0);
        await expect(cashier.page.getByTestId('card-state')).toHaveAttribute('data-state', 'frozen');
        await expect(cashier.page.getByRole('heading', { name: zhCN.cardState.titles.frozen })).toBeVisible();
        await expect(cashier.page.getByTestId('card-state-action')).toHaveText(zhCN.cardState.actions.frozen);
        await expect(cashier.page.getByTestId('card-state-action')).not.toContainText('联系门店');
        await cashier.screenshot('card-state');
      } else {
        await cashier.expectError(reason);
        const sentence =
          name === 'invalidParameter'
            ? zhCN.errors.invalidParameter
            : ((!retriable ? finals[reason] : undefined) ?? zhCN.errors.reasons[reason]);
        await expect(cashier.errorMessage, name).toHaveText(sentence);
        // A message asks for a retry only where there is a Retry button.
        expect(/重试/.test(sentence), `${name}: "${sentence}"`).toBe(retriable);
      }
      if (name === 'http502') await cashier.screenshot('error');
      // Recovery: the very next scan shows a balance.
      await cashier.scan(CARDS.seed);
      await cashier.expectUsable('¥40.00');
    }
  });

  test('Retry (Enter) re-runs a retriable lookup; a network failure reads as "unavailable", never as an old balance', async ({
    cashier,
  }) => {
    await cashier.scan(CARDS.seed);
    await cashier.expectUsable('¥40.00');
    await cashier.scan(FAULTS.dropConnection);
    await cashier.expectError('network');
    await expect(cashier.errorMessage).toContainText('余额暂不可用');
    await expect(cashier.usable).toHaveCount(0);
    const requests: string[] = [];
    cashier.page.on('request', (r) => {
      if (LOOKUP_CALL.test(r.url())) requests.push(r.url());
    });
    await cashier.blurField();
    // The retry's own answer, not the error already on screen: wait until its call has come back.
    const retried = cashier.page.waitForResponse(LOOKUP_CALL);
    await cashier.page.keyboard.press('Enter');
    await retried;
    expect(requests).toHaveLength(1);
    await cashier.expectError('network');
  });

  test('a failing bridge call gets its own message and Retry recovers', async ({ cashier }) => {
    await cashier.page.route(LOOKUP_CALL, (route) => route.abort('connectionreset'));
    await cashier.scan(CARDS.seed);
    await cashier.expectError('bridge');
    await expect(cashier.errorMessage).toHaveText(zhCN.errors.bridge);
    await cashier.page.unroute(LOOKUP_CALL);
    await cashier.page.getByRole('button', { name: zhCN.errors.retry }).click();
    await cashier.expectUsable('¥40.00');
  });

  test('a card of another shop is "not found" with what to do next', async ({ cashier }) => {
    await cashier.scan(CARDS.otherShop);
    await cashier.expectError('not-found');
    await expect(cashier.errorMessage).toHaveText(zhCN.errors.reasons['not-found']);
  });
});
