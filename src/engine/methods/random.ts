import { z } from 'zod';
import type { ModelSpec } from '../models/types';
import { prunableParams } from '../models/types';
import { allocateDensities, densitiesToCounts, type Distribution } from '../pruning/allocation';
import type { Masks } from '../pruning/masks';
import { randomLayerMask } from '../pruning/random';
import type { Rng } from '../util/rng';
import type { SparsityMethod } from './types';

const schema = z
  .object({
    /** How the global budget is split across layers (algorithms.md §5). */
    distribution: z.enum(['uniform', 'erk', 'uniform-plus']).default('erk'),
    /** Fraction of prunable weights kept. */
    density: z.number().gt(0).lt(1).default(0.1), // 100 % would prune nothing
  })
  .strict();

type RandomParams = z.infer<typeof schema>;

/**
 * Random masks with exact per-layer counts: the allocator fixes how many
 * weights each layer keeps, then the positions are a uniform random subset
 * (a permutation prefix, rather than Bernoulli draws, so counts are exact and
 * the total density is hit to within one weight per layer).
 */
export function randomSparseMasks(model: ModelSpec, distribution: Distribution, density: number, rng: Rng): Masks {
  const layers = prunableParams(model);
  const counts = densitiesToCounts(layers, allocateDensities(distribution, layers, density));
  const out: Masks = {};
  for (const l of layers) out[l.name] = randomLayerMask(l.shape.reduce((a, b) => a * b, 1), counts[l.name], rng);
  return out;
}

export const random: SparsityMethod<RandomParams> = {
  id: 'random',
  label: 'Random pruning at initialisation',
  summary:
    'Removes weights at random before training, with per-layer densities set by uniform, uniform+ (first conv dense, output ≥ 20 %) or Erdős–Rényi-Kernel allocation, and trains the fixed sparse network from scratch. Liu et al., "The Unreasonable Effectiveness of Random Pruning", ICLR 2022.',
  paper: 'https://arxiv.org/abs/2202.02643',
  schema,
  teaching: {
    what: 'The mask is drawn at random before training and never changes; only how many weights each layer keeps is chosen (uniform: the same share everywhere; ERK: small layers denser; uniform+: the output layer at least 20 %). One trained network per density.',
    expect: 'Below about 5 % of the weights, uniform starves the 1,000-weight output layer of LeNet (at 2 % it keeps 20 weights) and collapses; ERK keeps it dense and holds up far better. Random masks trail methods that look at the weights or gradients, and the gap closes as networks get wider (Liu et al., ICLR 2022).',
  },
  comparison: {
    kind: 'single',
    variants: {
      'random-uniform': { label: 'Random (uniform)', params: (density) => ({ density, distribution: 'uniform' }) },
      'random-erk': { label: 'Random (ERK)', params: (density) => ({ density, distribution: 'erk' }) },
      'random-uniform-plus': { label: 'Random (uniform+)', params: (density) => ({ density, distribution: 'uniform-plus' }) },
    },
  },
  ignoredParams: (p): Record<string, string> => (p.density >= 1 ? { distribution: 'density 1 keeps every weight in every layer' } : {}),
  rounds: () => 1,
  densityAt: (p) => p.density,
  initMasks: (ctx, p) => ({ masks: randomSparseMasks(ctx.model, p.distribution, p.density, ctx.rng) }),
};
