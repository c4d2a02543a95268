/**
 * Exact top-k selection with deterministic ties, the primitive behind every
 * magnitude, saliency and regrowth decision.
 *
 * Exactly k entries are chosen — avoiding the k+1 off-by-one of
 * threshold-only code (algorithms.md §1) — and ties at the threshold are
 * broken by position: when pruning the lowest scores, the higher flat index
 * goes first; when keeping the highest, the lower index wins. Two backends
 * that agree on the scores therefore agree on the mask.
 *
 * Implementation: a native typed-array sort finds the k-th value (fast even
 * for millions of weights), then one pass takes everything strictly beyond it
 * and fills the remainder from the tied entries in index order.
 */

/** Indices of the k candidates with the LOWEST score (ties: higher index first). */
export function lowestK(scores: ArrayLike<number>, candidates: Uint32Array, k: number): Uint32Array {
  return select(scores, candidates, k, false);
}

/** Indices of the k candidates with the HIGHEST score (ties: lower index first). */
export function highestK(scores: ArrayLike<number>, candidates: Uint32Array, k: number): Uint32Array {
  return select(scores, candidates, k, true);
}

function select(scores: ArrayLike<number>, candidates: Uint32Array, k: number, highest: boolean): Uint32Array {
  if (k <= 0) return new Uint32Array(0);
  if (k >= candidates.length) return candidates.slice();
  const vals = new Float64Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) {
    const s = scores[candidates[i]];
    // NaN scores rank as the least important, so a diverged weight is pruned first.
    vals[i] = Number.isNaN(s) ? -Infinity : highest ? -s : s;
  }
  const sorted = vals.slice().sort();
  const threshold = sorted[k - 1];
  let below = 0;
  for (let i = 0; i < vals.length; i++) if (vals[i] < threshold) below++;
  let tiesNeeded = k - below;
  const out = new Uint32Array(k);
  let j = 0;
  for (let i = 0; i < vals.length; i++) if (vals[i] < threshold) out[j++] = candidates[i];
  // Tied entries: pruning (lowest) takes higher indices first; keeping (highest) lower first.
  if (highest) {
    for (let i = 0; i < vals.length && tiesNeeded > 0; i++) {
      if (vals[i] === threshold) { out[j++] = candidates[i]; tiesNeeded--; }
    }
  } else {
    for (let i = vals.length - 1; i >= 0 && tiesNeeded > 0; i--) {
      if (vals[i] === threshold) { out[j++] = candidates[i]; tiesNeeded--; }
    }
  }
  return out;
}

/** Flat indices i where mask[i] === value. */
export function indicesWhere(mask: Uint8Array, value: 0 | 1): Uint32Array {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === value) n++;
  const out = new Uint32Array(n);
  let j = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === value) out[j++] = i;
  return out;
}
