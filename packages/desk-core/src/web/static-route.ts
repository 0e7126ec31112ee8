import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { BRIDGE_CLIENT_PATH, CUSTOMER_CLIENT_PATH } from '@balance-desk/contract/web-bridge';
import { SECURITY_HEADERS, send } from './http-reply';
import {
  BRIDGE_SCRIPT_TAG,
  CLIENT_NOT_BUILT_SCRIPT,
  CUSTOMER_CLIENT_NOT_BUILT_SCRIPT,
  RENDERER_NOT_BUILT_HTML,
  rewriteIndexHtml,
} from './index-html';
import { contentTypeOf, resolveStaticFile } from './static-files';

/** Where the built renderer and browser clients are (absolute paths); any may be missing. */
export interface StaticSources {
  staticDir: string | undefined;
  clientFile: string | undefined;
  customerClientFile: string | undefined;
}

/**
 * GET and HEAD for everything that is not a bridge call: the cashier page with the bridge client,
 * the customer page with its client, and the renderer's files. Everything is read per request, so
 * a rebuild shows up on reload.
 */
export async function handleStatic(
  sources: StaticSources,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
  if (pathname === BRIDGE_CLIENT_PATH)
    return send(
      res,
      200,
      'text/javascript; charset=utf-8',
      await clientScript(sources.clientFile, CLIENT_NOT_BUILT_SCRIPT),
    );
  if (pathname === CUSTOMER_CLIENT_PATH)
    return send(
      res,
      200,
      'text/javascript; charset=utf-8',
      await clientScript(sources.customerClientFile, CUSTOMER_CLIENT_NOT_BUILT_SCRIPT),
    );
  if (pathname === '/customer' || pathname === '/customer.html')
    return send(res, 200, 'text/html; charset=utf-8', await customerHtml(sources.staticDir));
  if (pathname === '/' || pathname === '/index.html')
    return send(res, 200, 'text/html; charset=utf-8', await indexHtml(sources.staticDir));
  const file = sources.staticDir ? await resolveStaticFile(sources.staticDir, pathname) : undefined;
  if (!file && pathname === '/favicon.ico') {
    // Browsers ask for it unprompted; an empty answer keeps the console clean.
    res.writeHead(204, SECURITY_HEADERS);
    return void res.end();
  }
  if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'not found');
  send(res, 200, contentTypeOf(file), await fs.readFile(file));
}

/** A page of the built renderer, or undefined when there is none. */
async function builtPage(staticDir: string | undefined, name: string): Promise<string | undefined> {
  return staticDir ? await fs.readFile(path.join(staticDir, name), 'utf8').catch(() => undefined) : undefined;
}

async function indexHtml(staticDir: string | undefined): Promise<string> {
  return rewriteIndexHtml((await builtPage(staticDir, 'index.html')) ?? RENDERER_NOT_BUILT_HTML);
}

/** The customer page: the built `customer.html` with the customer client instead of the cashier's bridge. */
async function customerHtml(staticDir: string | undefined): Promise<string> {
  return rewriteIndexHtml((await builtPage(staticDir, 'customer.html')) ?? RENDERER_NOT_BUILT_HTML).replace(
    BRIDGE_SCRIPT_TAG,
    `<script src="${CUSTOMER_CLIENT_PATH}"></script>`,
  );
}

/** A built client, or `notBuilt`. */
async function clientScript(file: string | undefined, notBuilt: string): Promise<string> {
  const script = file ? await fs.readFile(file, 'utf8').catch(() => undefined) : undefined;
  return script ?? notBuilt;
}
