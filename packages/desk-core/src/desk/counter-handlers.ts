import type { Handlers, HandlerContext } from './handlers';

/** The counter screen's own channels, open without a PIN: a lookup, the status line, the journal. */
export function counterHandlers(
  ctx: HandlerContext,
): Pick<Handlers, 'balance:lookup' | 'app:status' | 'journal:recent'> {
  return {
    'balance:lookup': async ({ cardId }) => {
      const ticket = ctx.shown.start();
      const customerTicket = ctx.customer.lookupStarted();
      const outcome = await ctx.lookup.lookup(cardId);
      ctx.shown.answered(ticket, outcome, ctx.now().getTime());
      ctx.customer.answered(customerTicket, outcome);
      if (outcome.kind === 'error' && outcome.reason === 'clock-skew')
        ctx.notices.raise('clock-skew-suspected');
      if (outcome.kind === 'ok') ctx.notices.clear('clock-skew-suspected');
      return outcome;
    },

    'app:status': () => {
      const s = ctx.settings.get();
      const shop = ctx.mode.shop();
      return Promise.resolve({
        mode: ctx.mode.mode(),
        version: ctx.version,
        gatewayHost: ctx.mode.gatewayHost(),
        online: ctx.lookup.connectivity(),
        shopName: shop.name,
        shopId: shop.id,
        locale: s.locale,
        kiosk: s.kiosk,
        notices: ctx.notices.list(),
        demoCards: ctx.mode.demoCards(),
      });
    },

    'journal:recent': async ({ limit }) => ctx.journal.recent(limit ?? 50),
  };
}
