import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { FAULT_CARDS } from './demo-data';
import { parseGmt8 } from './gmt8';

/*
 * The data-set file format (README.md "Data set"). Validated once when a sandbox starts, never on
 * the request path. Amounts are integers in fen (docs/TOP-PROTOCOL.md §5 "Money unit").
 */

/** "required" for a missing field, `expected` for a wrong one. */
const says = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `required (${expected})` : `must be ${expected}`;

const id = z
  .string({ error: says('a string') })
  .trim()
  .min(1, 'must be a non-empty string');
const fen = z.int({ error: says('an integer amount in fen, no decimals') });
const flag = z.boolean({ error: says('true or false') });
const gmt8 = z
  .string({ error: says('a date "yyyy-MM-dd HH:mm:ss" (GMT+8)') })
  .refine((text) => parseGmt8(text) !== undefined, 'must be a date "yyyy-MM-dd HH:mm:ss" (GMT+8)');

const brandSchema = z.strictObject({
  brandId: id,
  outBrandId: id.optional(),
  name: z.string().optional(),
});

const shopSchema = z.strictObject({
  shopId: id,
  outShopId: id.optional(),
  brandId: id,
  name: z.string({ error: says('a string') }),
});

const accountSchema = z.strictObject({
  accountId: id,
  cardId: id,
  customerId: id.optional(),
  shopId: id,
  optPlanId: id.optional(),
  deleted: flag,
  usable: fen,
  real: fen,
  realTotal: fen,
  gift: fen,
  giftTotal: fen,
  preStored: fen,
  preStoredTotal: fen,
  createdAt: gmt8,
  modifiedAt: gmt8,
});

const reservedCards = new Set(Object.values(FAULT_CARDS));

/** Flags a value seen before at another index: `what` must be unique across `list`. */
function uniqueCheck(
  ctx: z.core.$RefinementCtx,
  list: readonly Record<string, unknown>[],
  listName: string,
  key: string,
): void {
  const seen = new Map<unknown, number>();
  list.forEach((item, index) => {
    const value = item[key];
    if (value === undefined) return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else
      ctx.addIssue({
        code: 'custom',
        path: [listName, index, key],
        message: `duplicate ${key} "${typeof value === 'string' ? value : JSON.stringify(value)}" (also ${listName}[${first}])`,
      });
  });
}

const sandboxDataSchema = z
  .strictObject({
    brands: z.array(brandSchema),
    shops: z.array(shopSchema),
    accounts: z.array(accountSchema),
  })
  .superRefine((data, ctx) => {
    uniqueCheck(ctx, data.brands, 'brands', 'brandId');
    uniqueCheck(ctx, data.brands, 'brands', 'outBrandId');
    uniqueCheck(ctx, data.shops, 'shops', 'shopId');
    uniqueCheck(ctx, data.shops, 'shops', 'outShopId');
    uniqueCheck(ctx, data.accounts, 'accounts', 'accountId');
    const brandIds = new Set(data.brands.map((b) => b.brandId));
    const shopIds = new Set(data.shops.map((s) => s.shopId));
    data.shops.forEach((shop, index) => {
      if (!brandIds.has(shop.brandId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['shops', index, 'brandId'],
          message: `unknown brand "${shop.brandId}" (not in brands)`,
        });
      }
    });
    data.accounts.forEach((account, index) => {
      if (!shopIds.has(account.shopId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', index, 'shopId'],
          message: `unknown shop "${account.shopId}" (not in shops)`,
        });
      }
      if (reservedCards.has(account.cardId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', index, 'cardId'],
          message: `card id ${account.cardId} is reserved for fault injection`,
        });
      }
    });
  });

export type SandboxData = z.infer<typeof sandboxDataSchema>;
export type SandboxAccount = SandboxData['accounts'][number];

export interface SandboxDataIssue {
  /** e.g. `accounts[2].usable` */
  path: string;
  message: string;
}

/** An invalid data set: `issues` lists every bad field; the message lists them too, one a line. */
export class SandboxDataError extends Error {
  override readonly name = 'SandboxDataError';
  readonly issues: readonly SandboxDataIssue[];
  constructor(source: string, issues: readonly SandboxDataIssue[]) {
    super(
      `invalid sandbox data (${source}):\n${issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`,
    );
    this.issues = issues;
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Validates a data set object; throws SandboxDataError with per-field issues. */
export function parseSandboxData(value: unknown, source = 'data object'): SandboxData {
  const parsed = sandboxDataSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new SandboxDataError(
    source,
    parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
  );
}

/** Reads and validates a JSON data-set file (README.md "Data set"). */
export async function loadSandboxData(path: string): Promise<SandboxData> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new SandboxDataError(path, [{ path: '', message: `cannot read the file (${code})` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SandboxDataError(path, [{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return parseSandboxData(json, path);
}
