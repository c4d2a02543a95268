import { z } from 'zod';
import { intervalSteps } from '../pruning/schedules';
import { scheduleIgnored, gradualDensityAt, gradualShape, gradualUpdate } from './granet';
import type { SparsityMethod } from './types';

const schema = z
  .object({ ...gradualShape })
  .strict()
  .refine((p) => p.pruneEnd >= p.pruneStart, { message: 'pruneEnd must not be before pruneStart', path: ['pruneEnd'] });

type GmpParams = z.infer<typeof schema>;

export const gmp: SparsityMethod<GmpParams> = {
  id: 'gmp',
  label: 'Gradual magnitude pruning',
  summary:
    'Starts dense and removes the smallest-magnitude weights during training on the cubic schedule s_t = s_f + (s_i − s_f)(1 − (t − t0)/(tf − t0))³, with no regrowth, so the network recovers while it is pruned. Zhu & Gupta, "To prune, or not to prune", 2017 (GraNet\'s GMP baseline).',
  paper: 'https://arxiv.org/abs/1710.01878',
  schema: schema as unknown as z.ZodType<GmpParams>,
  teaching: {
    what: 'One training run that starts dense and removes the smallest weights on a cubic schedule until the target density is reached, never regrowing. The density chart shows each layer over training.',
    expect: 'The network recovers between pruning steps, so at moderate sparsity it ends close to dense; GraNet adds regrowth on the same schedule and usually ends at or above it (Zhu & Gupta 2017; Liu et al., NeurIPS 2021).',
    startsDense: true,
    changesMaskDuringTraining: true,
  },
  comparison: { kind: 'single', label: 'GMP' },
  ignoredParams: (p) => scheduleIgnored(p, ['pruneStart', 'pruneEnd', 'interval', 'scope']),
  rounds: () => 1,
  densityAt: (p, _round, progress) => gradualDensityAt({ ...p, initialDensity: 1 }, progress),
  updateEvery: (p, total) => intervalSteps(p.interval, total),
  updateMasks: (ctx, p) => gradualUpdate(ctx, { ...p, initialDensity: 1, regrowth: 0, regrowthMin: 0 }),
};
