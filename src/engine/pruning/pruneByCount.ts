import { cloneMasks, nnz, type Masks } from './masks';
import { indicesWhere, lowestK } from './topk';

/** A score per weight, same layout as the weights; low scores are pruned first. */
export type Scores = Record<string, Float32Array>;

/** |w| for every prunable layer named in `masks`. */
export function magnitudeScores(weights: Record<string, Float32Array>, masks: Masks): Scores {
  const out: Scores = {};
  for (const name of Object.keys(masks)) {
    const w = weights[name];
    if (!w) throw new Error(`No weights for prunable layer ${name}`);
    const s = new Float32Array(w.length);
    for (let i = 0; i < w.length; i++) s[i] = Math.abs(w[i]);
    out[name] = s;
  }
  return out;
}

/**
 * Number of weights to remove when pruning a fraction f of n survivors.
 * The references differ: open_lth's global pruning takes ceil(f·n), the LTH
 * code's layer-wise pruning round(f·n) — the rounding that produces the
 * paper's 51.3 / 21.1 / … / 1.9 % ladder. We follow each where it applies.
 */
export function pruneCount(fraction: number, survivors: number, rounding: 'ceil' | 'round' = 'ceil'): number {
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`Prune fraction must be in [0, 1], got ${fraction}`);
  const k = rounding === 'ceil' ? Math.ceil(fraction * survivors - 1e-9) : Math.round(fraction * survivors);
  return Math.min(survivors, k);
}

/**
 * Layer-wise: in each layer remove exactly counts[layer] surviving weights with
 * the lowest score. Pruned weights stay pruned (masks never grow here).
 */
export function pruneLayerwise(scores: Scores, masks: Masks, counts: Record<string, number>): Masks {
  const out = cloneMasks(masks);
  for (const name of Object.keys(counts)) {
    const mask = out[name];
    if (!mask) throw new Error(`Unknown layer ${name}`);
    const alive = indicesWhere(mask, 1);
    for (const i of lowestK(scores[name], alive, counts[name])) mask[i] = 0;
  }
  return out;
}

/**
 * Global: remove exactly `count` surviving weights with the lowest score across
 * all layers not in `ignore` (whose masks are left as they are). Ties across
 * layers break by layer order, then index.
 */
export function pruneGlobal(scores: Scores, masks: Masks, count: number, ignore: string[] = []): Masks {
  const out = cloneMasks(masks);
  const names = Object.keys(masks).filter((n) => !ignore.includes(n));
  const offsets: number[] = [];
  let total = 0;
  for (const n of names) {
    offsets.push(total);
    total += masks[n].length;
  }
  const flatScores = new Float32Array(total);
  const flatMask = new Uint8Array(total);
  names.forEach((n, li) => {
    flatScores.set(scores[n], offsets[li]);
    flatMask.set(masks[n], offsets[li]);
  });
  const chosen = lowestK(flatScores, indicesWhere(flatMask, 1), count);
  for (const flat of chosen) {
    let li = names.length - 1;
    while (offsets[li] > flat) li--;
    out[names[li]][flat - offsets[li]] = 0;
  }
  return out;
}

/** Global count that takes the surviving set from its current size to `density` of all prunable weights. */
export function countToDensity(masks: Masks, density: number, ignore: string[] = []): number {
  let total = 0;
  let alive = 0;
  let aliveIgnored = 0;
  for (const n of Object.keys(masks)) {
    total += masks[n].length;
    const a = nnz(masks[n]);
    alive += a;
    if (ignore.includes(n)) aliveIgnored += a;
  }
  const keep = Math.round(density * total);
  return Math.max(0, Math.min(alive - aliveIgnored, alive - keep));
}
