/**
 * Whole counts for real-valued shares that add up to `target`: each share is
 * floored, then the missing units go one at a time to the largest remainders
 * (ties to the earlier entry), never above an entry's cap. Used wherever a
 * density becomes per-layer weight counts, so totals are exact.
 */
export function largestRemainder(exact: number[], target: number, caps: number[]): number[] {
  const counts = exact.map((x) => Math.floor(x + 1e-9));
  let missing = target - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((_, i) => i).sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]) || a - b);
  for (const i of order) {
    if (missing <= 0) break;
    if (counts[i] < caps[i]) {
      counts[i]++;
      missing--;
    }
  }
  return counts;
}
