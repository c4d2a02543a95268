import { z } from 'zod';
import { nnz } from '../pruning/masks';
import { dropAndRegrow } from '../pruning/regrow';
import { intervalSteps, riglDropFraction } from '../pruning/schedules';
import { randomSparseMasks } from './random';
import type { SparsityMethod } from './types';

const schema = z
  .object({
    /** Fraction of prunable weights kept, constant throughout training. */
    density: z.number().gt(0).max(1).default(0.1),
    distribution: z.enum(['erk', 'uniform', 'uniform-plus']).default('erk'),
    /** α: the initial drop fraction, annealed by cosine to 0 at T_end (RigL: 0.3). */
    alpha: z.number().min(0).max(1).default(0.3),
    /** T_end as a fraction of the round's iterations (RigL ImageNet: about 0.75). */
    end: z.number().gt(0).max(1).default(0.75),
    /** ΔT between updates, as a fraction of the round's iterations. */
    interval: z.number().gt(0).max(0.5).default(0.05),
  })
  .strict();

type RiglParams = z.infer<typeof schema>;

export const rigl: SparsityMethod<RiglParams> = {
  id: 'rigl',
  label: 'RigL (rigged lottery: prune and regrow at constant sparsity)',
  summary:
    'Trains a random sparse (ERK) network at constant density and every ΔT steps replaces, per layer, the f(t)·nnz smallest-magnitude weights with the inactive connections of largest dense gradient, f(t) = (α/2)(1 + cos(πt/T_end)). Evci et al., "Rigging the Lottery: Making All Tickets Winners", ICML 2020.',
  paper: 'https://arxiv.org/abs/1911.11134',
  schema,
  teaching: {
    what: 'One training run at a constant density: the network starts from a random sparse (ERK) mask and every ΔT steps each layer swaps its weakest weights for the inactive connections with the largest gradient, a share that decays by a cosine to zero at T_end. The regrowth chart shows the share swapped at each update.',
    expect: 'Accuracy climbs as the mask improves, ending above a random mask of the same density and near gradual pruning (Evci et al., ICML 2020); the density chart stays flat because every drop is matched by a regrowth.',
    changesMaskDuringTraining: true,
  },
  comparison: { kind: 'single', label: 'RigL' },
  ignoredParams: (p): Record<string, string> => {
    if (p.density >= 1) {
      const why = 'density 1 keeps every weight: there is no inactive connection to grow';
      return { distribution: why, alpha: why, end: why, interval: why };
    }
    return p.alpha === 0 ? { end: 'alpha is 0, so no connection is ever swapped', interval: 'alpha is 0, so there are no mask updates to space out' } : {};
  },
  rounds: () => 1,
  densityAt: (p) => p.density,
  initMasks: (ctx, p) => ({ masks: randomSparseMasks(ctx.model, p.distribution, p.density, ctx.rng) }),
  updateEvery: (p, total) => intervalSteps(p.interval, total),
  updateMasks: (ctx, p) => {
    const tEnd = Math.round(p.end * ctx.totalSteps);
    if (ctx.step > tEnd || ctx.step >= ctx.totalSteps) return null;
    const f = riglDropFraction(ctx.step, p.alpha, tEnd);
    const counts: Record<string, number> = {};
    // RigL truncates (int cast) where GraNet rounds up.
    for (const name of Object.keys(ctx.masks)) counts[name] = Math.floor(f * nnz(ctx.masks[name]));
    const { masks, grown } = dropAndRegrow(ctx.weights, ctx.grads, ctx.masks, counts);
    return Object.values(grown).some((g) => g.length > 0) ? masks : null;
  },
};
