import type { ServerResponse } from 'node:http';
import type { IpcFailure, IpcReply } from '@balance-desk/contract';

/** Sent with every answer of the bridge. */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

export function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function sendReply(res: ServerResponse, status: number, reply: IpcReply<unknown>): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(reply));
}

/** A refusal in the IpcReply shape, so the browser client reads it like any failed call. */
export function refuse(res: ServerResponse, status: number, code: IpcFailure['code'], message: string): void {
  sendReply(res, status, { ok: false, error: { code, message } });
}
