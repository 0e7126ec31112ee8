import type { AccountView } from '@balance-desk/contract';
import type { RechargeAccount } from '@balance-desk/recharge';

function iso(date: Date | undefined): string | undefined {
  return date !== undefined && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** RechargeAccount (Dates) → the IPC shape (ISO strings); amounts pass through as integers. */
export function toAccountView(account: RechargeAccount): AccountView {
  const view: AccountView = {
    accountId: account.accountId,
    cardId: account.cardId,
    deleted: account.deleted,
    usable: account.usable,
    real: account.real,
    realTotal: account.realTotal,
    gift: account.gift,
    giftTotal: account.giftTotal,
    preStored: account.preStored,
    preStoredTotal: account.preStoredTotal,
  };
  if (account.customerId !== undefined) view.customerId = account.customerId;
  if (account.optPlanId !== undefined) view.optPlanId = account.optPlanId;
  const createdAt = iso(account.createdAt);
  if (createdAt !== undefined) view.createdAt = createdAt;
  const modifiedAt = iso(account.modifiedAt);
  if (modifiedAt !== undefined) view.modifiedAt = modifiedAt;
  return view;
}
