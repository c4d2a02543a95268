import { cloneMasks, type Masks } from './masks';
import { highestK, indicesWhere, lowestK } from './topk';

/**
 * Prune-and-regrow for dynamic sparse training (GraNet neuroregeneration,
 * RigL). Pure: (weights, dense gradients, masks, counts) → masks. Regrowth is
 * per layer, so every layer keeps its weight count and none can collapse.
 */

/** Positions a layer may regrow into: exactly the inactive ones. */
export function growCandidates(mask: Uint8Array): Uint32Array {
  return indicesWhere(mask, 0);
}

export interface RegrowResult {
  masks: Masks;
  /** Per layer, the positions switched from 0 to 1 by this update (start at weight 0). */
  grown: Record<string, Uint32Array>;
  /** Per layer, the positions switched from 1 to 0. */
  dropped: Record<string, Uint32Array>;
}

/**
 * For each layer in `counts`: drop the k active weights with the smallest |w|,
 * then grow k connections at the inactive positions with the largest
 * |dL/d(W⊙M)|. `grads` must be the dense gradient (w.r.t. the masked weight),
 * which is non-zero at masked positions; the gradient w.r.t. W is zero there
 * and could never pick a candidate. As in RigL and GraNet, just-dropped
 * positions compete too: one that wins keeps its mask bit (and its value).
 */
export function dropAndRegrow(
  weights: Record<string, Float32Array>,
  grads: Record<string, Float32Array>,
  masks: Masks,
  counts: Record<string, number>,
): RegrowResult {
  const out = cloneMasks(masks);
  const grown: Record<string, Uint32Array> = {};
  const dropped: Record<string, Uint32Array> = {};
  for (const [name, kRaw] of Object.entries(counts)) {
    const mask = out[name];
    const w = weights[name];
    const g = grads[name];
    if (!mask || !w || !g) throw new Error(`dropAndRegrow: missing mask, weights or gradient for ${name}`);
    const alive = indicesWhere(mask, 1);
    // Never drop more than can be regrown elsewhere, nor more than is alive.
    const k = Math.max(0, Math.min(kRaw, alive.length, mask.length - alive.length + kRaw, mask.length));
    if (k === 0) {
      grown[name] = new Uint32Array(0);
      dropped[name] = new Uint32Array(0);
      continue;
    }
    const absW = new Float32Array(w.length);
    for (let i = 0; i < w.length; i++) absW[i] = Math.abs(w[i]);
    const drop = lowestK(absW, alive, k);
    for (const i of drop) mask[i] = 0;
    const absG = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) absG[i] = Math.abs(g[i]);
    const grow = highestK(absG, growCandidates(mask), k);
    for (const i of grow) mask[i] = 1;
    const before = masks[name];
    grown[name] = grow.filter((i) => before[i] === 0);
    dropped[name] = drop.filter((i) => mask[i] === 0);
  }
  return { masks: out, grown, dropped };
}
