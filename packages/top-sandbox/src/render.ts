import type { SandboxAccount } from './data';

/*
 * Wire rendering (docs/TOP-PROTOCOL.md §3 and §5). Every answer ends with its `request_id`, so a body is
 * prepared once as a `head` (everything before the id) and a `tail`; a request only concatenates.
 */

/** The three envelope shapes a request can ask for (docs/TOP-PROTOCOL.md §3). */
export type Shape = 'xml' | 'json' | 'json-simple';

export const RESPONSE_ROOT = 'alibaba_alsc_crm_recharge_account_get_response';
/** Item name of a list in standard JSON/XML (`{"recharge_account_open_info": [...]}`); TOP names list items by their type. */
export const LIST_ITEM = 'recharge_account_open_info';

export const CONTENT_TYPE: Readonly<Record<Shape, string>> = {
  xml: 'text/xml;charset=UTF-8',
  json: 'application/json;charset=UTF-8',
  'json-simple': 'application/json;charset=UTF-8',
};

const XML_DECL = '<?xml version="1.0" encoding="utf-8" ?>';

interface Prepared {
  head: string;
  tail: string;
}

export type PreparedByShape = Readonly<Record<Shape, Prepared>>;

type WireValue = string | number | boolean | WireObject | WireObject[];
interface WireObject {
  [key: string]: WireValue;
}

/** `RechargeAccountOpenInfo` with its snake_case wire names; optional ids are left out, never sent empty. */
function toWire(account: SandboxAccount): WireObject {
  const wire: WireObject = { account_id: account.accountId, card_id: account.cardId };
  if (account.customerId !== undefined) wire.customer_id = account.customerId;
  if (account.optPlanId !== undefined) wire.opt_plan_id = account.optPlanId;
  wire.deleted = account.deleted;
  wire.gift_value = account.gift;
  wire.gift_value_total = account.giftTotal;
  wire.pre_value = account.preStored;
  wire.pre_value_total = account.preStoredTotal;
  wire.real_value = account.real;
  wire.real_value_total = account.realTotal;
  wire.usable_value = account.usable;
  wire.gmt_create = account.createdAt;
  wire.gmt_modified = account.modifiedAt;
  return wire;
}

export interface CommonResult {
  bizSuccess: boolean;
  code: string;
  desc: string;
  view: string;
}

export const SUCCESS: CommonResult = { bizSuccess: true, code: '0', desc: '成功', view: '' };

/** The `CommonResult` object; `result.result` is an object for one account, a list for several, absent for none. */
function commonResult(
  status: CommonResult,
  accounts: readonly SandboxAccount[],
  wrapLists: boolean,
): WireObject {
  const out: WireObject = {
    biz_success: status.bizSuccess,
    result_code: status.code,
    result_desc: status.desc,
    result_view: status.view,
  };
  const [first] = accounts;
  if (first !== undefined && accounts.length === 1) out.result = toWire(first);
  else if (accounts.length > 1) {
    const list = accounts.map(toWire);
    out.result = wrapLists ? { [LIST_ITEM]: list } : list;
  }
  return out;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** XML: a list is its item elements repeated inside the list element (docs/TOP-PROTOCOL.md §3). */
function xmlOf(value: WireValue, name: string): string {
  if (Array.isArray(value)) return value.map((item) => xmlOf(item, name)).join('');
  if (typeof value === 'object') {
    let inner = '';
    for (const [key, child] of Object.entries(value)) inner += xmlOf(child, key);
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** Prepares the success envelope of a recharge answer in all three shapes. */
export function prepareResult(status: CommonResult, accounts: readonly SandboxAccount[]): PreparedByShape {
  const simple = JSON.stringify(commonResult(status, accounts, false));
  const wrapped = commonResult(status, accounts, true);
  return {
    'json-simple': { head: `{"result":${simple},"request_id":"`, tail: '"}' },
    json: { head: `{"${RESPONSE_ROOT}":{"result":${JSON.stringify(wrapped)},"request_id":"`, tail: '"}}' },
    xml: {
      head: `${XML_DECL}<${RESPONSE_ROOT}>${xmlOf(wrapped, 'result')}<request_id>`,
      tail: `</request_id></${RESPONSE_ROOT}>`,
    },
  };
}

/** A TOP platform error (docs/TOP-PROTOCOL.md §4). */
export interface TopErrorSpec {
  code: number;
  msg: string;
  subCode?: string;
  subMsg?: string;
}

/** `error_response` is the same in simplified and standard JSON; XML uses the same element names. */
export function renderError(error: TopErrorSpec, shape: Shape, requestId: string): string {
  const fields: [string, string | number][] = [
    ['code', error.code],
    ['msg', error.msg],
  ];
  if (error.subCode !== undefined) fields.push(['sub_code', error.subCode]);
  if (error.subMsg !== undefined) fields.push(['sub_msg', error.subMsg]);
  fields.push(['request_id', requestId]);
  if (shape === 'xml') {
    return `${XML_DECL}<error_response>${fields.map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`).join('')}</error_response>`;
  }
  return JSON.stringify({ error_response: Object.fromEntries(fields) });
}
