import { describe, expect, it } from 'vitest';
import type { LookupOutcome } from '@balance-desk/contract';
import { buildBalanceSlip, type BalanceSlip } from './slip';
import { buildCustomerView } from './customer-view';
import { decodeEscPos } from './decode';
import { encodeEscPosSlip } from './escpos';
import { renderSlipHtml } from './html';
import { account, context, okOutcome } from './test-support/fixtures';

/** Card numbers of several shapes, each also put where an outcome may carry it (the account). */
const CARDS = ['6222020012345670125', '1119000000000125', '88001234', 'CARD-ABCDEFGH-9XYZ'];

/** Every run of 8 characters of the card: not the whole number, nor most of a long one. */
function pieces(card: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 8 <= card.length; i += 1) out.push(card.slice(i, i + 8));
  return out;
}

function outputsFor(outcome: LookupOutcome): string[] {
  const outputs: string[] = [];
  for (const locale of ['zh-CN', 'en'] as const) {
    for (const showParts of [false, true]) {
      outputs.push(JSON.stringify(buildCustomerView(outcome, { storeName: 'S', locale, showParts })));
    }
    const build = buildBalanceSlip(outcome, context({ locale }));
    outputs.push(JSON.stringify(build, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    if (build.kind !== 'slip') continue;
    const slip: BalanceSlip = build.slip;
    for (const paperWidthMm of [58, 80] as const) {
      const bytes = encodeEscPosSlip(slip, { paperWidthMm });
      outputs.push(Buffer.from(bytes).toString('latin1'));
      outputs.push(decodeEscPos(bytes).lines.join('\n'));
      outputs.push(renderSlipHtml(slip, { paperWidthMm }).html);
    }
  }
  return outputs;
}

describe('the full card number', () => {
  for (const card of CARDS) {
    it(`never appears in a slip, its bytes, its HTML or the customer view (${card.length} characters)`, () => {
      const outcomes: LookupOutcome[] = [
        okOutcome([account({ cardId: card }), account({ cardId: card, deleted: true })], { cardId: card }),
        {
          kind: 'error',
          cardId: card,
          reason: 'not-found',
          retriable: false,
          detail: { text: `card ${card} not found` },
          latencyMs: 1,
          at: '2026-11-29T13:15:31.000Z',
        },
        { kind: 'cancelled', cardId: card },
      ];
      let checked = 0;
      for (const outcome of outcomes) {
        for (const output of outputsFor(outcome)) {
          for (const piece of pieces(card)) expect(output).not.toContain(piece);
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(20);
      // and the last four do show, so the customer can tell which card it was
      const view = buildCustomerView(outcomes[0] ?? null, { storeName: 'S', locale: 'en', showParts: false });
      expect(view.kind === 'balance' && view.card).toBe(`****${card.slice(-4)}`);
    });
  }
});
