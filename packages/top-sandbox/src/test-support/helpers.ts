import { request, type IncomingHttpHeaders } from 'node:http';
import { formatTopTimestamp, signTopParams, type SignMethod } from '@balance-desk/top-client';
import { BIZ_PARAM } from '../protocol';
import {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_SHOP_ID,
  RECHARGE_ACCOUNT_GET,
} from '../demo-data';

export interface SignOptions {
  secret?: string;
  signMethod?: SignMethod;
  /** System/business params to add or override before signing; `undefined` removes a param. */
  set?: Record<string, string | undefined>;
  /** The recharge query object (default: demo brand + shop + `cardId`). */
  query?: Record<string, unknown>;
  cardId?: string;
  now?: Date;
}

/** A correctly signed request for the recharge method, the way a TOP SDK builds it (docs/TOP-PROTOCOL.md §2). */
export function signedParams(options: SignOptions = {}): Record<string, string> {
  const signMethod = options.signMethod ?? 'hmac-sha256';
  const params: Record<string, string> = {
    method: RECHARGE_ACCOUNT_GET,
    app_key: DEMO_APP_KEY,
    timestamp: formatTopTimestamp(options.now ?? new Date()),
    v: '2.0',
    sign_method: signMethod,
    format: 'json',
    simplify: 'true',
    [BIZ_PARAM]: JSON.stringify(
      options.query ?? {
        brand_id: DEMO_BRAND_ID,
        shop_id: DEMO_SHOP_ID,
        card_id: options.cardId ?? '111950000052400125',
      },
    ),
  };
  for (const [key, value] of Object.entries(options.set ?? {})) {
    if (value === undefined) delete params[key];
    else params[key] = value;
  }
  params.sign = signTopParams(params, options.secret ?? DEMO_APP_SECRET, signMethod);
  return params;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface RawRequest {
  method?: string;
  /** Appended to the URL as a query string. */
  query?: Record<string, string>;
  /** Sent form-urlencoded (an object) or as is (a string). */
  body?: Record<string, string> | string;
  headers?: Record<string, string>;
  path?: string;
}

/** One raw HTTP exchange with node:http, no client library in between. */
export function raw(url: string, init: RawRequest = {}): Promise<RawResponse> {
  const target = new URL(init.path ?? url, url);
  if (init.query) target.search = new URLSearchParams(init.query).toString();
  const body =
    init.body === undefined
      ? undefined
      : typeof init.body === 'string'
        ? init.body
        : new URLSearchParams(init.body).toString();
  const headers: Record<string, string> = { ...init.headers };
  if (body !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=utf-8';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const req = request(target, { method: init.method ?? 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const buffer = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: buffer,
          text: buffer.toString('utf8'),
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs signed params form-encoded and parses the JSON answer. */
export async function postJson(
  url: string,
  params: Record<string, string>,
): Promise<Record<string, unknown>> {
  const res = await raw(url, { body: params });
  return JSON.parse(res.text) as Record<string, unknown>;
}

/** The `error_response` of a JSON answer, without its (always unique) request id. */
export async function topError(url: string, init: RawRequest): Promise<Record<string, unknown> | undefined> {
  const res = await raw(url, init);
  const json = JSON.parse(res.text) as { error_response?: Record<string, unknown> };
  if (!json.error_response) return undefined;
  const { request_id: requestId, ...rest } = json.error_response;
  if (typeof requestId !== 'string' || requestId === '') throw new Error('error_response without request_id');
  return rest;
}
