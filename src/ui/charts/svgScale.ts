/** Maps data values to pixels: linear, or logarithmic for "% of weights remaining" spanning decades. */
export type Scale = (v: number) => number;

/**
 * `domain` onto [r0, r1]; `log` spaces by orders of magnitude (values ≤ 0
 * have no place on it and come out non-finite, so lines skip them).
 */
export function scaleOf([d0, d1]: readonly [number, number], r0: number, r1: number, log = false): Scale {
  if (log) {
    const l0 = Math.log(d0);
    const span = Math.log(d1) - l0;
    const k = span === 0 ? 0 : (r1 - r0) / span;
    return (v) => (v > 0 ? r0 + (Math.log(v) - l0) * k : NaN);
  }
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** The index of the value nearest to `px` after scaling (for a hover readout); -1 for none. */
export function nearestIndex(values: readonly number[], scale: Scale, px: number): number {
  let best = -1;
  let bestD = Infinity;
  values.forEach((v, i) => {
    const d = Math.abs(scale(v) - px);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}
