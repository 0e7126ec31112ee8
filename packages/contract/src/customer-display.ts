import { z } from 'zod';

/**
 * The customer-facing display: its setting, the displays a manager may choose from,
 * and the view it shows. The view is built main-side (desk-core `customer/`) and reaches the
 * customer window already in the customer's language, with the card masked to its last four.
 */

/** Same values as settings' `Locale`; spelled out here so this module stands alone. */
const CustomerLocale = z.enum(['zh-CN', 'en']);

const CUSTOMER_CLEAR_AFTER_SECONDS = { min: 3, max: 600 } as const;

export const CustomerDisplaySettings = z.object({
  enabled: z.boolean(),
  /**
   * An Electron display id (`screen.getAllDisplays()`); `null`: the first display that is not the
   * cashier's. The window never covers the cashier's screen.
   */
  displayId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  /** Real / gift / pre-stored under the usable balance. */
  showParts: z.boolean(),
  /** The customer view goes back to rest this long after a balance or an error. */
  clearAfterSeconds: z
    .number()
    .int()
    .min(CUSTOMER_CLEAR_AFTER_SECONDS.min)
    .max(CUSTOMER_CLEAR_AFTER_SECONDS.max),
  /** The customer's language, which may differ from the cashier's. */
  locale: CustomerLocale,
});
export type CustomerDisplaySettings = z.infer<typeof CustomerDisplaySettings>;

/** One display the manager may pick, as the settings form lists it. */
export const DisplayOption = z.object({
  id: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  /** The cashier's (primary) display: choosing it is allowed but never the default. */
  primary: z.boolean(),
});
export type DisplayOption = z.infer<typeof DisplayOption>;

const CustomerAccountView = z.object({
  usableLabel: z.string(),
  usable: z.string(),
  closed: z.boolean(),
  stateText: z.string(),
  parts: z.array(z.object({ label: z.string(), amount: z.string() })),
});

/** What the customer window shows: text only, never an error code, never the full card. */
export const CustomerView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rest'), locale: CustomerLocale, storeName: z.string(), welcome: z.string() }),
  z.object({
    kind: z.literal('balance'),
    locale: CustomerLocale,
    storeName: z.string(),
    cardLabel: z.string(),
    card: z.string(),
    accounts: z.array(CustomerAccountView),
  }),
  z.object({ kind: z.literal('error'), locale: CustomerLocale, storeName: z.string(), line: z.string() }),
]);
export type CustomerView = z.infer<typeof CustomerView>;

/** A customer view with its place in the sequence, so a client can ask for "anything after n". */
export interface CustomerViewUpdate {
  seq: number;
  view: CustomerView;
}

/** The one message main sends the customer window (`webContents.send`); it has no request channel. */
export const CUSTOMER_VIEW_EVENT = 'customer:view';

/**
 * `window.balanceDeskCustomer`, the customer window's whole API: a subscription to the view. No
 * lookup, no settings. The Electron customer preload and the web preview's customer client both
 * implement it. The listener is called at once with the current view, then with each new one.
 */
export interface CustomerDisplayApi {
  onCustomerView(listener: (view: CustomerView) => void): () => void;
}
