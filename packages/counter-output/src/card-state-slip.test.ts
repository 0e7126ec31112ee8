import { describe, expect, it } from 'vitest';
import type { LookupOutcome } from '@balance-desk/contract';
import { decodeEscPos } from './decode';
import { encodeEscPosSlip } from './escpos';
import { renderSlipHtml } from './html';
import { buildBalanceSlip } from './slip';
import { context, FULL_CARD } from './test-support/fixtures';

/** A card the CRM refused because of its state: an error outcome with no accounts at all. */
function frozen(cardState?: 'frozen' | 'lost'): LookupOutcome {
  return {
    kind: 'error',
    cardId: FULL_CARD,
    reason: 'card-state',
    retriable: false,
    ...(cardState === undefined ? {} : { cardState }),
    detail: { code: 15, subCode: 'CARD_FROZEN', requestId: 'req-frozen-1', text: '卡已冻结' },
    latencyMs: 9,
    at: '2026-11-29T13:15:31.000Z',
  };
}

describe('a slip for a card in a refused state', () => {
  it('says the state instead of balances, with the masked card and the request id', () => {
    const build = buildBalanceSlip(frozen('frozen'), context());
    if (build.kind !== 'slip') throw new Error(build.reason);
    expect(build.slip.accounts).toEqual([]);
    expect(build.slip.cardState).toEqual({
      label: '卡状态',
      text: '已冻结',
      note: '此卡当前不可使用，无可用余额',
    });
    expect(build.slip.card.value).toBe('****0125');
    expect(build.slip.reference?.value).toBe('req-frozen-1');
  });

  it('falls back to "not usable" when the CRM named no state, in the app language', () => {
    const build = buildBalanceSlip(frozen(), context({ locale: 'en' }));
    if (build.kind !== 'slip') throw new Error(build.reason);
    expect(build.slip.cardState?.text).toBe('Not usable');
  });

  it('prints and renders the state, never the full card', () => {
    const build = buildBalanceSlip(frozen('lost'), context());
    if (build.kind !== 'slip') throw new Error(build.reason);
    for (const paperWidthMm of [58, 80] as const) {
      const decoded = decodeEscPos(encodeEscPosSlip(build.slip, { paperWidthMm }));
      const text = decoded.lines.join('\n');
      expect(text).toContain('已挂失');
      expect(text).toContain('此卡当前不可使用');
      expect(text).not.toContain(FULL_CARD);
      const { html } = renderSlipHtml(build.slip, { paperWidthMm });
      expect(html).toContain('已挂失');
      expect(html).not.toContain(FULL_CARD);
    }
  });
});
