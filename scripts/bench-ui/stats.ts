/** Small statistics for bench-ui.ts. */

export interface Sample {
  /** Enter handled → answer painted. */
  total: number;
  /** The outcome's latencyMs: desk-core + gateway, not the renderer's. */
  gateway: number;
  /** total − gateway: what the renderer (and the bridge hop) costs. */
  renderer: number;
  /** Enter handled → answer in the store (bridge round trip, includes the gateway). */
  toAnswer: number;
  /** Answer in the store → committed to the DOM (React's render and commit). */
  react: number;
  /** Committed → the animation frame that paints it (waiting for the display's next frame). */
  frame: number;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(
  samples: readonly Sample[],
): { label: string; p50: number; p95: number; p99: number }[] {
  const rows: [string, keyof Sample][] = [
    ['Enter → painted', 'total'],
    ['  gateway (latencyMs)', 'gateway'],
    ['  Enter → answer in store', 'toAnswer'],
    ['  answer → committed', 'react'],
    ['  committed → painted', 'frame'],
    ['renderer (− gateway)', 'renderer'],
  ];
  return rows.map(([label, key]) => {
    const values = samples.map((s) => s[key]);
    return { label, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) };
  });
}
