import type { Masks } from './masks';
import type { Scores } from './pruneByCount';

/**
 * LAMP scores (Lee et al., ICLR 2021; algorithms.md §7). Within a layer, sort
 * the surviving weights by w² ascending; a weight's score is its w² divided by
 * the sum of w² over itself and every weight ranked above it. One global
 * threshold on these scores then allocates sparsity across layers, and since
 * each layer's largest weight scores exactly 1, no layer can be emptied.
 *
 * Ties in w² are ranked higher-index-first (the same order in which
 * lowestK prunes tied magnitudes), so on a single layer LAMP pruning removes
 * exactly the weights magnitude pruning does. Pruned positions score 0.
 */
export function lampScores(weights: Record<string, Float32Array>, masks: Masks): Scores {
  const out: Scores = {};
  for (const name of Object.keys(masks)) {
    const w = weights[name];
    const m = masks[name];
    if (!w) throw new Error(`No weights for prunable layer ${name}`);
    const s = new Float32Array(w.length);
    const alive: number[] = [];
    for (let i = 0; i < m.length; i++) if (m[i]) alive.push(i);
    const sq = (i: number) => w[i] * w[i];
    alive.sort((a, b) => sq(a) - sq(b) || b - a);
    // Suffix sums in float64: the tail of a large layer spans many magnitudes.
    let suffix = 0;
    for (let r = alive.length - 1; r >= 0; r--) {
      const i = alive[r];
      suffix += sq(i);
      s[i] = suffix > 0 ? sq(i) / suffix : r === alive.length - 1 ? 1 : 0;
    }
    out[name] = s;
  }
  return out;
}
