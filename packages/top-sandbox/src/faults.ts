import type { ServerResponse } from 'node:http';
import { DEMO_CARDS, DEFAULT_DATA, FAULT_CARDS, type FaultName } from './demo-data';
import { ERRORS } from './protocol';
import {
  CONTENT_TYPE,
  prepareResult,
  renderError,
  RESPONSE_ROOT,
  type PreparedByShape,
  type Shape,
  type TopErrorSpec,
} from './render';

/*
 * Fault injection (README.md "Faults"). Each fault is cheap and deterministic: bodies are built
 * from prepared strings, nothing random, nothing that grows with the number of requests.
 */

export interface FaultReply {
  /** Extra delay before `send` runs (the `slow` fault). */
  delayMs: number;
  send(res: ServerResponse, requestId: string): void;
}

export interface FaultContext {
  shape: Shape;
  /** The answer the request would have got without the fault. */
  normal: PreparedByShape;
  slowMs: number;
}

const FAULT_BY_CARD = new Map<string, FaultName>(
  Object.entries(FAULT_CARDS).map(([name, card]) => [card, name as FaultName]),
);

/** The fault a reserved card id stands for, if any. */
export function faultOfCard(cardId: string | undefined): FaultName | undefined {
  return cardId === undefined ? undefined : FAULT_BY_CARD.get(cardId);
}

const seed = DEFAULT_DATA.accounts.find((a) => a.cardId === DEMO_CARDS.seed);
if (!seed) throw new Error('demo data lost its seed card');

/** What the fault cards answer when their fault lets an answer through (`slow`, truncated…): the seed's balances. */
export const SEED_LIKE: PreparedByShape = prepareResult(
  { bizSuccess: true, code: '0', desc: '成功', view: '' },
  [{ ...seed, accountId: 'RA-9001', cardId: FAULT_CARDS.slow, customerId: 'C-9001' }],
);

const ERROR_FAULTS: Partial<Record<FaultName, TopErrorSpec>> = {
  rateLimited: {
    code: 7,
    msg: 'App Call Limited',
    subCode: 'accesscontrol.limited-by-app-access-count',
    subMsg: 'This ban will last for 1 more seconds',
  },
  serviceUnavailable: {
    code: 10,
    msg: 'Service Currently Unavailable',
    subCode: 'isp.service-unavailable',
    subMsg: '服务暂时不可用',
  },
  permission: {
    code: 11,
    msg: 'Insufficient ISV Permissions',
    subCode: 'isv.permission-api-package-limit',
    subMsg: '应用没有调用该API的权限包',
  },
  invalidSession: ERRORS.invalidSession,
  invalidParameter: {
    code: 15,
    msg: 'Remote service error',
    subCode: 'isv.invalid-parameter',
    subMsg: '非法参数',
  },
  clockSkew: ERRORS.invalidTimestamp,
};

const BIZ_ERROR = prepareResult(
  { bizSuccess: false, code: 'CARD_FROZEN', desc: '卡已冻结', view: '该卡已冻结，请联系门店' },
  [],
);

const HTML_PAGES = {
  http502:
    '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>Tengine</center></body></html>',
  http503:
    '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>Tengine</center></body></html>',
  html: '<!DOCTYPE html><html><head><meta charset="utf-8"><title>系统繁忙</title></head><body><h1>系统繁忙，请稍后再试</h1></body></html>',
} as const;

const MALFORMED: Readonly<Record<Shape, string>> = {
  json: '{"result": {biz_success:',
  'json-simple': '{"result": {biz_success:',
  xml: `<?xml version="1.0" encoding="utf-8" ?><${RESPONSE_ROOT}><result><biz_success>true</result>`,
};

export const OVERSIZED_BYTES = 2 * 1024 * 1024;
const PAD_MARKER = 'OVERSIZED-PAD';
let padding: Buffer | undefined;

/** A well-formed answer of exactly 2 MiB: `result_view` is padded, so only a size cap can stop it. */
function sendOversized(res: ServerResponse, shape: Shape, requestId: string): void {
  const { head, tail } = prepareResult({ bizSuccess: true, code: '0', desc: '成功', view: PAD_MARKER }, [])[
    shape
  ];
  const [before = '', after = ''] = head.split(PAD_MARKER);
  const start = Buffer.from(before);
  const end = Buffer.from(after + requestId + tail);
  padding ??= Buffer.alloc(OVERSIZED_BYTES, 'x');
  res.writeHead(200, { 'Content-Type': CONTENT_TYPE[shape], 'Content-Length': OVERSIZED_BYTES });
  res.write(start);
  res.write(padding.subarray(0, OVERSIZED_BYTES - start.length - end.length));
  res.end(end);
}

function sendBody(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** How the gateway misbehaves for `fault`. */
export function faultReply(fault: FaultName, ctx: FaultContext): FaultReply {
  const { shape, normal } = ctx;
  const error = ERROR_FAULTS[fault];
  if (error)
    return {
      delayMs: 0,
      send: (res, id) => sendBody(res, 200, CONTENT_TYPE[shape], renderError(error, shape, id)),
    };
  switch (fault) {
    case 'slow':
      return {
        delayMs: ctx.slowMs,
        send: (res, id) =>
          sendBody(res, 200, CONTENT_TYPE[shape], normal[shape].head + id + normal[shape].tail),
      };
    case 'bizError':
      return {
        delayMs: 0,
        send: (res, id) =>
          sendBody(res, 200, CONTENT_TYPE[shape], BIZ_ERROR[shape].head + id + BIZ_ERROR[shape].tail),
      };
    case 'http502':
      return { delayMs: 0, send: (res) => sendBody(res, 502, 'text/html', HTML_PAGES.http502) };
    case 'http503':
      return { delayMs: 0, send: (res) => sendBody(res, 503, 'text/html', HTML_PAGES.http503) };
    case 'html':
      return { delayMs: 0, send: (res) => sendBody(res, 200, 'text/html;charset=UTF-8', HTML_PAGES.html) };
    case 'malformedJson':
      return { delayMs: 0, send: (res) => sendBody(res, 200, CONTENT_TYPE[shape], MALFORMED[shape]) };
    case 'truncatedJson':
      return {
        delayMs: 0,
        send: (res, id) => {
          const full = Buffer.from(normal[shape].head + id + normal[shape].tail);
          sendBody(res, 200, CONTENT_TYPE[shape], full.subarray(0, full.length >> 1)); // honest Content-Length
        },
      };
    case 'oversized':
      return { delayMs: 0, send: (res, id) => sendOversized(res, shape, id) };
    case 'dropConnection':
      return { delayMs: 0, send: (res) => res.socket?.destroy() };
    case 'neverEnds':
      return {
        delayMs: 0,
        send: (res, id) => {
          const full = Buffer.from(normal[shape].head + id + normal[shape].tail);
          res.writeHead(200, { 'Content-Type': CONTENT_TYPE[shape], 'Content-Length': full.length });
          res.write(full.subarray(0, full.length >> 1)); // …and never the rest; close() destroys the socket
        },
      };
    default:
      // Every error fault is in ERROR_FAULTS; reaching here means the table and the union disagree.
      throw new Error(`fault without behaviour: ${fault}`);
  }
}
