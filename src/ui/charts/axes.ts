/**
 * Axis ranges and ticks computed here rather than by recharts: its automatic
 * "nice" ticks use arbitrary-precision decimals and measure every label in
 * the DOM, which costs tens of milliseconds per redraw on a slow laptop.
 */
export interface Axis {
  domain: [number, number];
  ticks: number[];
}

/** A 1-2-5 step that splits `range` into about `count` intervals. */
function niceStep(range: number, count: number): number {
  const raw = range / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const m = raw / mag;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * mag;
}

/** Round ticks covering [lo, hi] (optionally clamped), about `count` intervals. */
export function niceAxis(values: number[], opts: { count?: number; min?: number; max?: number; zero?: boolean; minSpan?: number } = {}): Axis {
  const finite = values.filter(Number.isFinite);
  let lo = finite.length ? Math.min(...finite) : 0;
  let hi = finite.length ? Math.max(...finite) : 1;
  if (opts.zero) lo = Math.min(0, lo);
  // Never zoom in so far that noise fills the chart: widen around the data,
  // downwards first when a cap (100 %) leaves no room above.
  if (opts.minSpan !== undefined && hi - lo < opts.minSpan) {
    const mid = (hi + lo) / 2;
    hi = mid + opts.minSpan / 2;
    lo = mid - opts.minSpan / 2;
    if (opts.max !== undefined && hi > opts.max) {
      lo -= hi - opts.max;
      hi = opts.max;
    }
    // A chart from zero (errors, densities) widens upwards instead of below zero.
    if (opts.zero && lo < 0 && finite.every((v) => v >= 0)) {
      hi -= lo;
      lo = 0;
    }
  }
  if (hi - lo < 1e-9) {
    lo -= 0.5;
    hi += 0.5;
  }
  const step = niceStep(hi - lo, opts.count ?? 4);
  let a = Math.floor(lo / step + 1e-9) * step;
  let b = Math.ceil(hi / step - 1e-9) * step;
  if (opts.min !== undefined) a = Math.max(a, opts.min);
  if (opts.max !== undefined) b = Math.min(b, opts.max);
  const ticks: number[] = [];
  for (let t = a; t <= b + step * 1e-6; t += step) ticks.push(+t.toPrecision(12));
  return { domain: [a, b], ticks };
}
