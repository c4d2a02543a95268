import { z } from 'zod';
import { prunableParams } from '../models/types';
import { denseMasks, type Masks } from '../pruning/masks';
import { pruneGlobal, type Scores } from '../pruning/pruneByCount';
import type { SparsityMethod } from './types';

const schema = z
  .object({
    /** Fraction of prunable weights kept: κ = round(density·m). */
    density: z.number().gt(0).lt(1).default(0.1), // 100 % would prune nothing
    /** Mini-batches whose mean gradient scores the connections (the paper: one). */
    batches: z.number().int().min(1).max(100).default(1),
    /** Train the mask on an independent re-draw of the weights, as the paper and snip-public do. */
    independentInit: z.boolean().default(true),
  })
  .strict();

type SnipParams = z.infer<typeof schema>;

/**
 * Connection sensitivity s_j = |w_j·∂L/∂w_j| / Σ_k |w_k·∂L/∂w_k|, normalised
 * over every prunable weight together (biases are never scored). Non-negative
 * and summing to 1 by construction (all zeros if every gradient vanishes).
 */
export function snipSaliency(weights: Record<string, Float32Array>, grads: Record<string, Float32Array>, names: string[]): Scores {
  const out: Scores = {};
  let total = 0;
  const raw: Record<string, Float64Array> = {};
  for (const n of names) {
    const w = weights[n];
    const g = grads[n];
    if (!w || !g) throw new Error(`SNIP: no weights or gradient for ${n}`);
    const s = new Float64Array(w.length);
    for (let i = 0; i < w.length; i++) {
      s[i] = Math.abs(w[i] * g[i]);
      total += s[i];
    }
    raw[n] = s;
  }
  for (const n of names) out[n] = Float32Array.from(raw[n], (v) => (total > 0 ? v / total : 0));
  return out;
}

/** Keeps exactly κ = round(density·m) weights with the highest saliency, across all layers. */
export function snipMasks(saliency: Scores, like: Masks, density: number): Masks {
  const m = Object.values(like).reduce((n, x) => n + x.length, 0);
  const kappa = Math.round(density * m);
  const dense: Masks = {};
  for (const [n, x] of Object.entries(like)) dense[n] = new Uint8Array(x.length).fill(1);
  return pruneGlobal(saliency, dense, m - kappa);
}

export const snip: SparsityMethod<SnipParams> = {
  id: 'snip',
  label: 'SNIP (single-shot pruning at initialisation)',
  summary:
    'Scores every connection once at initialisation by |w·∂L/∂w| on a mini-batch and keeps the globally most sensitive fraction, then trains the fixed sparse network. Lee, Ajanthan & Torr, "SNIP: Single-shot Network Pruning based on Connection Sensitivity", ICLR 2019.',
  paper: 'https://arxiv.org/abs/1810.02340',
  schema,
  teaching: {
    what: 'The mask is chosen once before training, from one mini-batch of gradients: connections whose removal would change the loss most (|w·∂L/∂w|) are kept, globally. The network then trains with that fixed mask. One trained network per density.',
    expect: 'SNIP beats uniform random pruning at the same density and stays within about 1 pp of dense on LeNet-300-100 at 90–98 % sparsity (Lee et al., ICLR 2019), but trails methods that prune after or during training. Its masks mostly choose per-layer densities: shuffling them within each layer costs little (Frankle et al., ICLR 2021).',
  },
  comparison: { kind: 'single', label: 'SNIP' },
  rounds: () => 1,
  densityAt: (p) => p.density,
  initGradBatches: (p) => p.batches,
  initMasks: (ctx, p) => {
    if (!ctx.grads) throw new Error('SNIP needs initialisation gradients');
    const names = prunableParams(ctx.model).map((l) => l.name);
    const saliency = snipSaliency(ctx.weights, ctx.grads, names);
    return { masks: snipMasks(saliency, denseMasks(ctx.model), p.density), redrawWeights: p.independentInit };
  },
};
