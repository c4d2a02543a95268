import { z } from 'zod';
import { pruneToDensity, weightScores } from '../pruning/pruneToDensity';
import type { SparsityMethod } from './types';

const schema = z
  .object({
    /** Fraction of prunable weights kept after the single prune. */
    density: z.number().gt(0).max(1).default(0.1),
    scope: z.enum(['global', 'layerwise']).default('global'),
    /** Magnitude |w|, or LAMP's layer-normalised score (global scope only makes a difference). */
    score: z.enum(['magnitude', 'lamp']).default('magnitude'),
    /** 'init': reset survivors to θ0 (LTH one-shot); 'continue': fine-tune the trained weights. */
    reset: z.enum(['init', 'continue']).default('init'),
  })
  .strict();

type OneshotParams = z.infer<typeof schema>;

export const oneshot: SparsityMethod<OneshotParams> = {
  id: 'oneshot',
  label: 'One-shot magnitude pruning',
  summary:
    'Trains the dense network once, removes the lowest-scoring weights (magnitude or LAMP, global or per layer) in a single step down to the target density, resets the survivors to θ0 and retrains. The one-shot baseline of Frankle & Carbin, ICLR 2019 (§2), which iterative pruning beats at small densities.',
  paper: 'https://arxiv.org/abs/1803.03635',
  schema,
  teaching: {
    what: 'Two trainings: the dense network, then the network pruned once to the target density and (with reset init) restarted from θ0. Two points: dense and the one-shot ticket.',
    expect: 'One-shot tickets beat dense down to about 5 % of the weights on LeNet, but iterative pruning (IMP) finds better tickets at small densities (LTH §2).',
  },
  comparison: { kind: 'single', label: 'One-shot', variants: { 'oneshot-lamp': { label: 'One-shot LAMP', params: (density) => ({ density, score: 'lamp' }) } } },
  ignoredParams: (p): Record<string, string> => (p.density >= 1 ? { scope: 'density 1 prunes nothing', score: 'density 1 prunes nothing' } : p.scope === 'layerwise' ? { score: 'LAMP scores rank weights within a layer exactly as magnitude does, so in layer-wise scope the score makes no difference' } : {}),
  rounds: () => 2,
  densityAt: (p, round) => (round === 0 ? 1 : p.density),
  afterRound: (ctx, p) => ({
    masks: pruneToDensity(weightScores(p.score, ctx.weights, ctx.masks), ctx.masks, p.density, p.scope),
    reset: p.reset,
  }),
};
