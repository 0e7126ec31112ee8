import type { CardState, Locale } from '@balance-desk/contract';

/**
 * Words on the slip and the customer display. They live here, not in the renderer's dictionaries,
 * because both are built main-side; the terms match the cashier screen's (实储 / 赠储 / 预储).
 */
export interface OutputStrings {
  title: string;
  testTitle: string;
  notice: string;
  shop: string;
  terminal: string;
  time: string;
  card: string;
  account: string;
  state: string;
  active: string;
  deleted: string;
  deletedNote: string;
  usable: string;
  real: string;
  gift: string;
  preStored: string;
  total: string;
  reference: string;
  welcome: string;
  pleaseWait: string;
  cardState: string;
  cardStates: Record<CardState, string>;
  cardStateNote: string;
}

const zhCN: OutputStrings = {
  title: '余额查询',
  testTitle: '测试打印 · 余额查询',
  notice: '非消费凭证',
  shop: '门店',
  terminal: '终端',
  time: '时间',
  card: '卡号',
  account: '账户',
  state: '状态',
  active: '正常',
  deleted: '已注销',
  deletedNote: '账户已注销，余额不可使用',
  usable: '可用余额',
  real: '实储',
  gift: '赠储',
  preStored: '预储',
  total: '累计',
  reference: '参考号',
  welcome: '欢迎光临',
  pleaseWait: '请稍候',
  cardState: '卡状态',
  cardStates: {
    frozen: '已冻结',
    lost: '已挂失',
    expired: '已过期',
    inactive: '未激活',
    disabled: '已停用',
    other: '不可用',
  },
  cardStateNote: '此卡当前不可使用，无可用余额',
};

const en: OutputStrings = {
  title: 'BALANCE INQUIRY',
  testTitle: 'TEST PRINT · BALANCE INQUIRY',
  notice: 'Not a receipt of payment',
  shop: 'Shop',
  terminal: 'Terminal',
  time: 'Time',
  card: 'Card',
  account: 'Account',
  state: 'State',
  active: 'Active',
  deleted: 'Closed',
  deletedNote: 'Account closed, the balance cannot be used',
  usable: 'Usable balance',
  real: 'Real',
  gift: 'Gift',
  preStored: 'Pre-stored',
  total: 'Total',
  reference: 'Ref.',
  welcome: 'Welcome',
  pleaseWait: 'Please see the cashier',
  cardState: 'Card state',
  cardStates: {
    frozen: 'Frozen',
    lost: 'Reported lost',
    expired: 'Expired',
    inactive: 'Not activated',
    disabled: 'Disabled',
    other: 'Not usable',
  },
  cardStateNote: 'This card cannot be used now; no balance is available',
};

export function outputStrings(locale: Locale): OutputStrings {
  return locale === 'en' ? en : zhCN;
}
