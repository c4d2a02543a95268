import type { XY } from './chartData';

/**
 * At most about `max` points of a line, for drawing: the points are cut into
 * max/2 buckets along the array and each bucket keeps its lowest and highest
 * point (in x order), so spikes and dips survive where plain striding would
 * skip them. The first and last points are always kept. A line a few
 * thousand evaluations long (the LTH paper recipe: 500 per round × 18
 * rounds) then costs the same to draw as a short one.
 */
export function decimate<P extends XY>(points: readonly P[], max: number): P[] {
  if (points.length <= max || max < 4) return points as P[];
  const buckets = Math.floor((max - 2) / 2);
  const inner = points.length - 2;
  const out: P[] = [points[0]];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets);
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      if (points[i].y < points[lo].y) lo = i;
      if (points[i].y > points[hi].y) hi = i;
    }
    if (lo === hi) out.push(points[lo]);
    else out.push(points[Math.min(lo, hi)], points[Math.max(lo, hi)]);
  }
  out.push(points[points.length - 1]);
  return out;
}
