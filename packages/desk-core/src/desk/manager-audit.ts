import type { ManagerEvent } from '@balance-desk/contract';
import type { Journal } from '../ports';

/** One manager action into the audit trail (journal.ts keeps it; never throws). */
export function audit(ctx: { journal: Journal; now: () => Date }, event: Omit<ManagerEvent, 'at'>): void {
  ctx.journal.recordManagerEvent({ at: ctx.now().toISOString(), ...event });
}
