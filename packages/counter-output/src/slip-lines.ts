import { center, labelValue, rule } from './columns';
import type { BalanceSlip } from './slip';

/** One printed line of a slip: already padded to the paper's columns. */
export interface SlipLine {
  text: string;
  bold: boolean;
}

/**
 * The slip laid out in fixed columns, the shape both the ESC/POS encoder and the printer
 * simulator's console view share.
 */
export function layoutSlip(slip: BalanceSlip, columns: number): SlipLine[] {
  const lines: SlipLine[] = [];
  const add = (texts: string[], bold = false): void => {
    for (const text of texts) lines.push({ text, bold });
  };
  add(center(slip.storeName === '' ? '-' : slip.storeName, columns), true);
  add(center(`${slip.shop.label} ${slip.shop.value}`, columns));
  add([rule(columns, '=')]);
  add(center(slip.title, columns), true);
  add(center(slip.notice, columns));
  add([rule(columns)]);
  add(labelValue(slip.terminal.label, slip.terminal.value, columns));
  add(labelValue(slip.time.label, slip.time.value, columns));
  add(labelValue(slip.card.label, slip.card.value, columns));
  if (slip.cardState !== null) {
    add([rule(columns)]);
    add(labelValue(slip.cardState.label, slip.cardState.text, columns), true);
    add(center(`** ${slip.cardState.note} **`, columns), true);
  }
  for (const account of slip.accounts) {
    add([rule(columns)]);
    const heading = slip.accounts.length > 1 ? `${slip.accountLabel} ${account.index}` : slip.accountLabel;
    add(
      labelValue(heading, `${slip.stateLabel}: ${account.stateText}`, columns),
      account.state === 'deleted',
    );
    if (account.note !== null) add(center(`** ${account.note} **`, columns), true);
    add(labelValue(account.usableLabel, account.usable.text, columns), true);
    for (const part of account.parts) {
      add(labelValue(part.label, part.amount.text, columns));
      add(labelValue(part.totalLabel, part.total.text, columns, 2));
    }
  }
  add([rule(columns, '=')]);
  if (slip.reference !== null) add(labelValue(slip.reference.label, slip.reference.value, columns));
  return lines;
}
