/** A JSON object `{ … }` (not null, not an array): what settings, patches and provisioning files must be. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys that reach an object's prototype when assigned: never a field of ours, always refused. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The dotted path of the first prototype key (`__proto__`, `constructor`, `prototype`) at any
 * depth of parsed JSON or an IPC payload, or undefined. JSON.parse and structured clone keep
 * `"__proto__"` as an own key, so Object.keys sees it; copying such an object by assignment
 * would set the copy's prototype instead and smuggle the nested values past a key check.
 */
export function prototypeKeyPath(value: unknown, depth = 0): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  // Nothing of ours nests this deep; a payload that does is refused rather than half-checked.
  if (depth > 32) return '…';
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
  for (const [key, item] of entries) {
    if (!Array.isArray(value) && PROTOTYPE_KEYS.has(key)) return key;
    const inner = prototypeKeyPath(item, depth + 1);
    if (inner !== undefined) return `${key}.${inner}`;
  }
  return undefined;
}
