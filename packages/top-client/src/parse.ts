import { TopApiError, TopResponseError, excerptOf, redact } from './errors';
import { responseKey } from './params';
import { parseJsonRoot } from './parse-json';
import { parseXmlRoot } from './parse-xml';
import type { TopResponse } from './types';

export interface ParseContext {
  method: string;
  /** Whether `simplify=true` was sent (then a JSON root without wrapper is the body itself). */
  simplify: boolean;
  /** App secret, session key and this call's sign: scrubbed from every excerpt and gateway text. */
  secrets: readonly (string | undefined)[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An HTML page, even behind a comment or XML declaration; TOP XML escapes `<` inside values, so its head never matches. */
const HTML_HEAD = /<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]/i;

/**
 * Interprets a 2xx body. The format is sniffed from the first character rather than trusted from
 * what we asked for: TOP answers XML when `format` is missing (docs/TOP-PROTOCOL.md §2), proxies answer HTML.
 */
export function parseTopResponse(raw: string, contentType: string, ctx: ParseContext): TopResponse {
  // RFC 8259 §8.1 lets a parser ignore a leading byte-order mark, and some proxies add one; JSON.parse does not.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const start = firstNonSpace(text);
  const first = text.charCodeAt(start);
  if (
    contentType.startsWith('text/html') ||
    (first === 60 /* < */ && HTML_HEAD.test(text.slice(start, start + 256)))
  ) {
    throw new TopResponseError(
      'the TOP gateway answered an HTML page',
      excerptOf(text, ctx.secrets),
      false,
      'html',
    );
  }
  if (first === 123 /* { */) return fromJson(parseJsonRoot(text, ctx.secrets), text, ctx);
  if (first === 60 /* < */) return fromXml(text.slice(start), ctx);
  if (Number.isNaN(first))
    throw new TopResponseError('empty answer from the TOP gateway', '', true, 'truncated');
  throw new TopResponseError(
    'the TOP gateway answered neither JSON nor XML',
    excerptOf(text, ctx.secrets),
    false,
    'malformed',
  );
}

/** Skips a UTF-8 BOM and whitespace. */
function firstNonSpace(text: string): number {
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0xfeff && c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
  }
  return i;
}

/**
 * Standard JSON has one `<method>_response` wrapper, simplified JSON has none, and errors are
 * `error_response` in both (docs/TOP-PROTOCOL.md §3).
 */
function fromJson(root: Json, text: string, ctx: ParseContext): TopResponse {
  const error = root.error_response;
  if (error !== undefined) throw apiError(error, text, ctx);
  const wrapped = root[responseKey(ctx.method)];
  if (isObject(wrapped)) return response(wrapped);
  const keys = Object.keys(root);
  const only = keys.length === 1 ? (keys[0] as string) : undefined;
  // A gateway that ignored simplify, for a method whose wrapper name we mis-derived.
  if (only?.endsWith('_response') && isObject(root[only])) return response(root[only]);
  if (ctx.simplify) return response(root);
  // Like the Java SDK's JsonConverter: the first object-valued root member is the response.
  for (const key of keys) {
    const value = root[key];
    if (isObject(value)) return response(value);
  }
  throw new TopResponseError('unexpected TOP JSON envelope', excerptOf(text, ctx.secrets), false, 'shape');
}

/** The root element is the wrapper (`<method>_response`) or `error_response` (docs/TOP-PROTOCOL.md §3). */
function fromXml(text: string, ctx: ParseContext): TopResponse {
  const { name, value } = parseXmlRoot(text, ctx.secrets);
  if (name === 'error_response') throw apiError(value, text, ctx);
  if (name !== responseKey(ctx.method) && !name.endsWith('_response')) {
    throw new TopResponseError(
      `unexpected TOP XML root <${name.slice(0, 40)}>`,
      excerptOf(text, ctx.secrets),
      false,
      'shape',
    );
  }
  // `<x_response/>` parses as ''.
  if (value === '') return { body: {}, requestId: undefined };
  if (!isObject(value))
    throw new TopResponseError('unexpected TOP XML envelope', excerptOf(text, ctx.secrets), false, 'shape');
  return response(value);
}

function response(body: Json): TopResponse {
  return { body, requestId: asText(body.request_id) };
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** `code` is a JSON number or XML text; a missing or odd one becomes 0 rather than hiding the error. */
function apiError(error: unknown, body: string, ctx: ParseContext): TopApiError | TopResponseError {
  if (!isObject(error))
    return new TopResponseError(
      'unexpected TOP error envelope',
      excerptOf(body, ctx.secrets),
      false,
      'shape',
    );
  const code = Number(asText(error.code) ?? Number.NaN);
  const scrub = (value: unknown): string | undefined => {
    const s = asText(value);
    return s === undefined ? undefined : redact(s, ctx.secrets);
  };
  return new TopApiError({
    code: Number.isInteger(code) ? code : 0,
    msg: scrub(error.msg) ?? '',
    subCode: scrub(error.sub_code),
    subMsg: scrub(error.sub_msg),
    requestId: asText(error.request_id),
  });
}
