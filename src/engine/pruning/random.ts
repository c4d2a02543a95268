import type { Rng } from '../util/rng';
import type { Masks } from './masks';
import { nnz } from './masks';

/** A mask of `size` entries with exactly `keep` ones at uniformly random positions. */
export function randomLayerMask(size: number, keep: number, rng: Rng): Uint8Array {
  const k = Math.max(0, Math.min(size, Math.round(keep)));
  const idx = rng.permutation(size);
  const m = new Uint8Array(size);
  for (let i = 0; i < k; i++) m[idx[i]] = 1;
  return m;
}

/**
 * The LTH "random pruning" control: per layer, the same number of surviving
 * weights as `like`, at random positions (open_lth's layer-wise randomly_prune).
 */
export function randomMaskLike(like: Masks, rng: Rng): Masks {
  const out: Masks = {};
  for (const name of Object.keys(like)) out[name] = randomLayerMask(like[name].length, nnz(like[name]), rng);
  return out;
}

/** Random masks at given per-layer densities (random pruning at initialisation). */
export function randomMasksWithDensities(like: Masks, densities: Record<string, number>, rng: Rng): Masks {
  const out: Masks = {};
  for (const name of Object.keys(like)) {
    const d = densities[name];
    if (d === undefined) throw new Error(`No density for layer ${name}`);
    out[name] = randomLayerMask(like[name].length, d * like[name].length, rng);
  }
  return out;
}
