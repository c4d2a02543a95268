import { Rng } from '../util/rng';
import type { ModelSpec, ParamSpec } from './types';
import { sizeOf } from './types';

/** A CPU snapshot of every parameter (weights and biases), by param name. */
export type Weights = Record<string, Float32Array>;

/**
 * How θ0 is drawn. 'glorot-normal' is the LTH recipe (weights N(0, 2/(fanIn+fanOut)),
 * biases 0). The two Kaiming schemes are open_lth's `kaiming_normal` /
 * `kaiming_uniform` initializers: PyTorch's kaiming_*_ with its defaults
 * (fan-in mode, ReLU gain √2) on the weights only, so the biases keep
 * PyTorch's own default for Linear and Conv2d, U(−1/√fanIn, 1/√fanIn).
 */
export const INIT_SCHEMES = ['glorot-normal', 'kaiming-normal', 'kaiming-uniform'] as const;
export type InitScheme = (typeof INIT_SCHEMES)[number];

/**
 * Draws θ0 on the CPU from a seeded stream so every backend starts from the
 * same bits. Each tensor gets its own derived stream, so adding a layer does
 * not shift the values of the others; the Glorot stream is unchanged from
 * earlier versions, so old runs reproduce bit for bit.
 */
export function initWeights(model: ModelSpec, seed: number, label = 'init', scheme: InitScheme = 'glorot-normal'): Weights {
  const out: Weights = {};
  for (const p of model.params) out[p.name] = initParam(p, Rng.derive(seed, label, p.name), scheme);
  return out;
}

function initParam(p: ParamSpec, rng: Rng, scheme: InitScheme): Float32Array {
  const v = new Float32Array(sizeOf(p.shape));
  const { init } = p;
  if (init.kind === 'bias') {
    if (scheme === 'glorot-normal') return v;
    const bound = 1 / Math.sqrt(init.fanIn);
    for (let i = 0; i < v.length; i++) v[i] = (2 * rng.next() - 1) * bound;
    return v;
  }
  if (scheme === 'kaiming-uniform') {
    const bound = Math.sqrt(6 / init.fanIn);
    for (let i = 0; i < v.length; i++) v[i] = (2 * rng.next() - 1) * bound;
    return v;
  }
  const std = scheme === 'kaiming-normal' ? Math.sqrt(2 / init.fanIn) : Math.sqrt(2 / (init.fanIn + init.fanOut));
  for (let i = 0; i < v.length; i++) v[i] = rng.normal() * std;
  return v;
}

export function cloneWeights(w: Weights): Weights {
  const out: Weights = {};
  for (const k of Object.keys(w)) out[k] = w[k].slice();
  return out;
}
