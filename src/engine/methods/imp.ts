import { z } from 'zod';
import { prunableParams } from '../models/types';
import type { Masks } from '../pruning/masks';
import { nnz } from '../pruning/masks';
import { countToDensity, magnitudeScores, pruneCount, pruneGlobal, pruneLayerwise } from '../pruning/prune';
import type { PruneContext, SparsityMethod } from './types';

/** A rate of 100 % would remove every surviving weight of a layer in one round. */
const rate = (d: number) => z.number().min(0).lt(1).default(d);

const schema = z
  .object({
    /** Pruning rounds after the dense round 0. */
    rounds: z.number().int().min(0).max(60).default(5),
    /** Fraction of surviving weights removed per round, by layer role (LTH: 20 % fc, 10 % output). 0: that role is not pruned. */
    rates: z
      .object({ conv: rate(0.1), fc: rate(0.2), output: rate(0.1) })
      .default({ conv: 0.1, fc: 0.2, output: 0.1 }),
    scope: z.enum(['layerwise', 'global']).default('layerwise'),
    /** Global scope only: fraction of all survivors per round (0 would prune nothing). */
    globalRate: z.number().gt(0).lt(1).default(0.2),
    /** Instead of a fixed rate, prune globally to these overall densities, one per round. */
    targetDensities: z.array(z.number().gt(0).max(1)).optional(),
    reset: z.enum(['init', 'rewind', 'lr-rewind']).default('init'),
    /** k for rewinding: the iteration whose weights (or LR position) rounds restart from. */
    rewindStep: z.number().int().min(0).default(0),
  })
  .strict()
  // Rewinding to iteration 0 is resetting: a rewind without a step is a forgotten setting, not a choice.
  .refine((p) => p.reset === 'init' || p.rewindStep >= 1, {
    message: 'Rewinding needs the iteration to rewind to: enter a rewind step of 1 or more (Frankle et al. use about 0.1–7 % of training).',
    path: ['rewindStep'],
  });

type ImpParams = z.infer<typeof schema>;

/**
 * Removes the surviving weights a round of IMP prunes: per layer at the
 * LTH per-role rates, or globally at one rate, or globally down to a target.
 * Pure: (config, trained weights, current masks) → next masks.
 */
export function impPrune(ctx: PruneContext, p: ImpParams, round: number): Masks {
  const scores = magnitudeScores(ctx.weights, ctx.masks);
  if (p.targetDensities) {
    const target = p.targetDensities[Math.min(round, p.targetDensities.length - 1)];
    return pruneGlobal(scores, ctx.masks, countToDensity(ctx.masks, target));
  }
  if (p.scope === 'global') {
    let alive = 0;
    for (const m of Object.values(ctx.masks)) alive += nnz(m);
    return pruneGlobal(scores, ctx.masks, pruneCount(p.globalRate, alive));
  }
  const counts: Record<string, number> = {};
  for (const spec of prunableParams(ctx.model)) {
    counts[spec.name] = pruneCount(p.rates[spec.role], nnz(ctx.masks[spec.name]), 'round');
  }
  return pruneLayerwise(scores, ctx.masks, counts);
}

export const imp: SparsityMethod<ImpParams> = {
  id: 'imp',
  label: 'Iterative magnitude pruning (lottery ticket)',
  summary:
    'Train, remove the smallest-magnitude surviving weights, reset the survivors to their initial (or early-training) values and repeat; the sparse subnetwork that still trains well is a "winning ticket". Frankle & Carbin, ICLR 2019; rewinding from Frankle et al. 2019/2020 and Renda et al., ICLR 2020.',
  paper: 'https://arxiv.org/abs/1803.03635',
  schema,
  rounds: (p) => (p.targetDensities ? p.targetDensities.length : p.rounds) + 1,
  rewindStep: (p) => (p.reset === 'init' ? 0 : p.rewindStep),
  afterRound: (ctx, p, round) => ({ masks: impPrune(ctx, p, round), reset: p.reset }),
};
