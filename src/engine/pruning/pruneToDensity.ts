import { lampScores } from './lamp';
import { largestRemainder } from './largestRemainder';
import { nnz, overallDensity, type Masks } from './masks';
import { countToDensity, magnitudeScores, pruneGlobal, pruneLayerwise, type Scores } from './pruneByCount';

/**
 * Score-based pruning to a target overall density, shared by one-shot, LAMP,
 * GMP and GraNet. Pure: (scores or weights, masks, density, scope) → masks.
 */
export type Scope = 'global' | 'layerwise';
export type ScoreKind = 'magnitude' | 'lamp';

export function weightScores(kind: ScoreKind, weights: Record<string, Float32Array>, masks: Masks): Scores {
  return kind === 'lamp' ? lampScores(weights, masks) : magnitudeScores(weights, masks);
}

/**
 * Removes surviving weights until round(density·N) remain (never regrows).
 * Global: one threshold across all layers (the lowest scores anywhere go first).
 * Layer-wise: every layer's survivors shrink by the same factor, so a dense
 * start ends uniform and an ERK start keeps its ERK shape; the per-layer
 * counts are rounded by largest remainder so the total is still exact.
 */
export function pruneToDensity(scores: Scores, masks: Masks, density: number, scope: Scope): Masks {
  if (!(density > 0 && density <= 1)) throw new Error(`Density must be in (0, 1], got ${density}`);
  if (scope === 'global') return pruneGlobal(scores, masks, countToDensity(masks, density));
  const current = overallDensity(masks);
  if (density >= current) return masks;
  const names = Object.keys(masks);
  const alive = names.map((n) => nnz(masks[n]));
  const total = names.reduce((s, n) => s + masks[n].length, 0);
  const factor = density / current;
  const keep = largestRemainder(alive.map((a) => a * factor), Math.round(density * total), alive);
  const counts: Record<string, number> = {};
  names.forEach((n, i) => (counts[n] = Math.max(0, alive[i] - keep[i])));
  return pruneLayerwise(scores, masks, counts);
}

/** True when two masks are identical (lets in-training methods skip no-op updates). */
export function sameMasks(a: Masks, b: Masks): boolean {
  for (const k of Object.keys(a)) {
    const x = a[k];
    const y = b[k];
    if (!y || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}
