import { Rng } from '../util/rng';
import type { ModelDef, ParamSpec } from './types';
import { sizeOf } from './types';

/** A CPU snapshot of every parameter (weights and biases), by param name. */
export type Weights = Record<string, Float32Array>;

/**
 * Draws θ0 on the CPU from a seeded stream so every backend starts from the
 * same bits. Gaussian Glorot, as in LTH: std = sqrt(2 / (fanIn + fanOut));
 * biases start at zero. Each tensor gets its own derived stream, so adding a
 * layer does not shift the values of the others.
 */
export function initWeights(model: ModelDef, seed: number, label = 'init'): Weights {
  const out: Weights = {};
  for (const p of model.params) out[p.name] = initParam(p, Rng.derive(seed, label, p.name));
  return out;
}

function initParam(p: ParamSpec, rng: Rng): Float32Array {
  const v = new Float32Array(sizeOf(p.shape));
  if (p.init.kind === 'zeros') return v;
  const std = Math.sqrt(2 / (p.init.fanIn + p.init.fanOut));
  for (let i = 0; i < v.length; i++) v[i] = rng.normal() * std;
  return v;
}

export function cloneWeights(w: Weights): Weights {
  const out: Weights = {};
  for (const k of Object.keys(w)) out[k] = w[k].slice();
  return out;
}
