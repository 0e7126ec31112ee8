/**
 * Choosing the customer display and checking saved window bounds, over plain objects shaped like
 * Electron's `Display` (`screen.getAllDisplays()`), so it is tested in Node without Electron.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    [r.x, r.y, r.width, r.height].every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    (r.width as number) > 0 &&
    (r.height as number) > 0
  );
}

/**
 * Electron puts the primary display's top-left corner at (0, 0); without a `primaryId` from
 * `screen.getPrimaryDisplay()` that is how the primary one is recognised.
 */
function primaryOf(displays: readonly DisplayInfo[], primaryId: number | undefined): DisplayInfo | undefined {
  if (primaryId !== undefined) return displays.find((d) => d.id === primaryId);
  return displays.find((d) => d.bounds.x === 0 && d.bounds.y === 0) ?? displays[0];
}

/**
 * The display for the customer window: the wanted one while it is connected; otherwise the first
 * display that is not the cashier's (primary) one; otherwise none — the customer window never
 * covers the cashier's screen.
 */
export function chooseDisplay(
  displays: readonly DisplayInfo[],
  wantedId: number | null | undefined,
  primaryId?: number,
): DisplayInfo | null {
  const usable = displays.filter((d) => isRect(d.bounds) && isRect(d.workArea));
  if (wantedId !== null && wantedId !== undefined) {
    const wanted = usable.find((d) => d.id === wantedId);
    if (wanted) return wanted;
  }
  const primary = primaryOf(usable, primaryId);
  return usable.find((d) => d !== primary) ?? null;
}

function intersection(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Saved bounds, if still sensible on today's displays: the display that holds most of them must
 * hold at least half of the window; the bounds are then moved and shrunk to lie inside that
 * display's work area, so the window never opens off-screen or straddling a display that is gone.
 * Null when the saved bounds are unusable (the caller then uses the chosen display's bounds).
 */
export function validateBounds(
  savedBounds: unknown,
  displays: readonly DisplayInfo[],
): { bounds: Rect; displayId: number } | null {
  if (!isRect(savedBounds)) return null;
  let best: { display: DisplayInfo; area: number } | null = null;
  for (const display of displays) {
    if (!isRect(display.workArea)) continue;
    const area = intersection(savedBounds, display.workArea);
    if (area > 0 && (best === null || area > best.area)) best = { display, area };
  }
  if (best === null || best.area * 2 < savedBounds.width * savedBounds.height) return null;
  const work = best.display.workArea;
  const width = Math.min(Math.round(savedBounds.width), work.width);
  const height = Math.min(Math.round(savedBounds.height), work.height);
  const x = Math.min(Math.max(Math.round(savedBounds.x), work.x), work.x + work.width - width);
  const y = Math.min(Math.max(Math.round(savedBounds.y), work.y), work.y + work.height - height);
  return { bounds: { x, y, width, height }, displayId: best.display.id };
}
