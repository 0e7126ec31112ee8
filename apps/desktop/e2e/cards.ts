/**
 * Demo and fault card ids (the sandbox's fixed data, /tmp/sandbox-spec.md). Copied rather than
 * imported: e2e drives the app from outside, like a cashier with a card in hand.
 */
export const CARDS = {
  seed: '111950000052400125',
  zero: '111950000052400200',
  deleted: '111950000052400301',
  giftOnly: '111950000052400402',
  large: '111950000052400503',
  twoAccounts: '111950000052400606',
  otherShop: '111950000052400707',
} as const;

export const FAULTS = {
  slow: '9999000000000001',
  rateLimited: '9999000000000002',
  serviceUnavailable: '9999000000000003',
  permission: '9999000000000004',
  invalidSession: '9999000000000005',
  bizError: '9999000000000006',
  http502: '9999000000000007',
  http503: '9999000000000008',
  html: '9999000000000009',
  malformedJson: '9999000000000010',
  truncatedJson: '9999000000000011',
  oversized: '9999000000000012',
  dropConnection: '9999000000000013',
  neverEnds: '9999000000000014',
  invalidParameter: '9999000000000015',
  clockSkew: '9999000000000016',
} as const;
