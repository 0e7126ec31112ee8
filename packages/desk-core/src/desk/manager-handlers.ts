import type { ChannelResponse } from '@balance-desk/contract';
import type { PinStore } from '../ports';
import type { Handlers, HandlerContext } from './handlers';
import { audit } from './manager-audit';

const UNAUTHORIZED = { kind: 'unauthorized' } as const;

/** The manager's channels: the PIN and its session, leaving kiosk mode, reading the audit trail. */
export function managerHandlers(
  ctx: HandlerContext,
): Pick<Handlers, 'pin:verify' | 'pin:set' | 'kiosk:exit' | 'audit:recent'> {
  return {
    'pin:verify': async ({ pin }) => {
      const result = await ctx.pins.verify(pin);
      if (!result.ok) {
        // Numbers, not text: the screen says them in the manager's language.
        audit(ctx, {
          event: 'pin-verify',
          outcome: result.reason,
          ...(result.retryAfterMs !== undefined
            ? { retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) }
            : {}),
          ...(result.attemptsLeft !== undefined ? { attemptsLeft: result.attemptsLeft } : {}),
        });
        const { ok: _ok, reason, ...counts } = result;
        return { kind: reason, ...counts };
      }
      audit(ctx, { event: 'pin-verify', outcome: 'ok' });
      const { token, expiresAt } = ctx.sessions.issue();
      return { kind: 'ok', managerToken: token, expiresAt: expiresAt.toISOString() };
    },

    'pin:set': async ({ newPin, managerToken }) => {
      // First run: no PIN yet, nothing to protect (demo or a fresh terminal); afterwards only a manager changes it.
      const event = ctx.pins.isSet() ? 'pin-change' : 'pin-set';
      let result: ChannelResponse<'pin:set'>;
      if (ctx.sessions.check(managerToken)) result = pinSetAnswer(await ctx.pins.set(newPin));
      else if (ctx.pins.isSet()) result = UNAUTHORIZED;
      // Two first-run calls at once: the store decides, so the second gets already-set instead of replacing the first.
      else result = pinSetAnswer(await ctx.pins.set(newPin, { ifUnset: true }));
      audit(ctx, { event, outcome: result.kind });
      return result;
    },

    'kiosk:exit': ({ managerToken }) => {
      if (!ctx.sessions.check(managerToken)) {
        audit(ctx, { event: 'kiosk-exit', outcome: 'unauthorized' });
        return Promise.resolve(UNAUTHORIZED);
      }
      audit(ctx, { event: 'kiosk-exit', outcome: 'ok' });
      ctx.emitKioskExit();
      return Promise.resolve({ kind: 'ok' });
    },

    'audit:recent': async ({ managerToken, limit }) => {
      if (!ctx.sessions.check(managerToken)) return UNAUTHORIZED;
      await ctx.journal.flush();
      return { kind: 'ok', events: await ctx.journal.recentManagerEvents(limit ?? 100) };
    },
  };
}

/** The PIN store's result as the `pin:set` answer. */
function pinSetAnswer(
  result: Awaited<ReturnType<PinStore['set']>>,
): Exclude<ChannelResponse<'pin:set'>, { kind: 'unauthorized' }> {
  return result.ok ? { kind: 'ok' } : { kind: result.reason };
}
