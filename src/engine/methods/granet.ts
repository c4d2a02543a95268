import { z } from 'zod';
import { pruneToDensity, sameMasks, weightScores, type Scope } from '../pruning/pruneToDensity';
import { denseMasks, nnz, type Masks } from '../pruning/masks';
import { pruneCount } from '../pruning/pruneByCount';
import { dropAndRegrow } from '../pruning/regrow';
import { cosineDecay, cubicSparsity, intervalSteps } from '../pruning/schedules';
import { randomSparseMasks } from './random';
import type { SparsityMethod, TrainingContext } from './types';

/** Schedule parameters shared with GMP. Times are fractions of the round, so small budgets work. */
export const gradualShape = {
  /** Final fraction of prunable weights kept. */
  density: z.number().gt(0).max(1).default(0.1),
  /** t0 and tf of the cubic schedule, as fractions of the round's iterations (GraNet CIFAR: 0 and 80/160). */
  pruneStart: z.number().min(0).max(1).default(0),
  pruneEnd: z.number().min(0).max(1).default(0.5),
  /** ΔT between mask updates, as a fraction of the round's iterations. */
  interval: z.number().gt(0).max(0.5).default(0.05),
  scope: z.enum(['global', 'layerwise']).default('global'),
};

const schema = z
  .object({
    ...gradualShape,
    /** 1: dense-to-sparse; below 1: sparse-to-sparse from a random mask at this density (GraNet: 0.5, ERK). */
    initialDensity: z.number().gt(0).max(1).default(1),
    initDistribution: z.enum(['erk', 'uniform', 'uniform-plus']).default('erk'),
    /** Regeneration rate r, decayed by cosine over the round from r0 to rMin (GraNet: 0.5 → 0.005). */
    regrowth: z.number().min(0).max(1).default(0.5),
    regrowthMin: z.number().min(0).max(1).default(0.005),
  })
  .strict()
  .refine((p) => p.pruneEnd >= p.pruneStart, { message: 'pruneEnd must not be before pruneStart', path: ['pruneEnd'] })
  .refine((p) => p.initialDensity >= p.density, { message: 'initialDensity must be at least the final density', path: ['initialDensity'] });

type GranetParams = z.infer<typeof schema>;

export interface GradualOptions {
  density: number;
  initialDensity: number;
  pruneStart: number;
  pruneEnd: number;
  scope: Scope;
  /** 0 disables regrowth (GMP). */
  regrowth: number;
  regrowthMin: number;
}

/**
 * One GraNet/GMP mask update at ctx.step (a multiple of ΔT): while t ∈ [t0, tf]
 * prune globally (or layer-wise) by magnitude to the cubic schedule's density;
 * then, from t0 until the end of the round, drop ceil(r·nnz) of each layer's
 * smallest survivors and regrow as many where |dL/d(W⊙M)| is largest. Pure.
 */
export function gradualUpdate(ctx: TrainingContext, o: GradualOptions): Masks | null {
  const T = ctx.totalSteps;
  const t = ctx.step;
  const t0 = Math.round(o.pruneStart * T);
  const tf = Math.round(o.pruneEnd * T);
  if (t < t0 || t >= T) return null; // a change at the very last step could not be trained
  let masks = ctx.masks;
  // Past tf, an update still prunes if the target is not reached yet: a window
  // too short to hold an update step (t0 = tf, or tf < ΔT) then prunes at the
  // first update after it instead of silently never pruning.
  if (t <= tf || aliveCount(masks) > Math.round(o.density * totalCount(masks))) {
    const sched = { initialSparsity: 1 - o.initialDensity, finalSparsity: 1 - o.density, t0, tf };
    const target = t >= tf ? o.density : 1 - cubicSparsity(t, sched);
    masks = pruneToDensity(weightScores('magnitude', ctx.weights, masks), masks, target, o.scope);
  }
  if (o.regrowth > 0) {
    const r = cosineDecay(t, T, o.regrowth, o.regrowthMin);
    const counts: Record<string, number> = {};
    for (const name of Object.keys(masks)) counts[name] = pruneCount(r, nnz(masks[name]));
    masks = dropAndRegrow(ctx.weights, ctx.grads, masks, counts).masks;
  }
  return sameMasks(masks, ctx.masks) ? null : masks;
}

/** The cubic schedule's density at `progress` (0–1) of the round, as gradualUpdate follows it (the time estimate's view). */
export function gradualDensityAt(o: Pick<GradualOptions, 'density' | 'initialDensity' | 'pruneStart' | 'pruneEnd'>, progress: number): number {
  return 1 - cubicSparsity(progress, { initialSparsity: 1 - o.initialDensity, finalSparsity: 1 - o.density, t0: o.pruneStart, tf: o.pruneEnd });
}

const aliveCount = (m: Masks) => Object.values(m).reduce((n, x) => n + nnz(x), 0);
const totalCount = (m: Masks) => Object.values(m).reduce((n, x) => n + x.length, 0);

/**
 * What a gradual schedule ignores: everything at density 1 (nothing is ever
 * pruned), and pruneStart when ΔT reaches past pruneEnd (the first mask
 * update then comes at or after pruneEnd and prunes to the target in one go).
 */
export function scheduleIgnored(p: { density: number; interval: number; pruneEnd: number }, fields: string[]): Record<string, string> {
  if (p.density >= 1) return Object.fromEntries(fields.map((f) => [f, 'density 1 keeps every weight, so nothing is ever pruned']));
  if (p.interval >= p.pruneEnd) return { pruneStart: 'the interval between mask updates reaches past pruneEnd, so the first update prunes straight to the target; shorten interval to get a gradual schedule' };
  return {};
}

export const granet: SparsityMethod<GranetParams> = {
  id: 'granet',
  label: 'GraNet (gradual pruning + neuroregeneration)',
  summary:
    'Prunes by magnitude on the Zhu–Gupta cubic schedule during training and, at each update, drops a decaying fraction of each layer\'s weakest weights and regrows as many where the dense gradient is largest, from a dense or a random sparse start. Liu et al., "Sparse Training via Boosting Pruning Plasticity with Neuroregeneration", NeurIPS 2021.',
  paper: 'https://arxiv.org/abs/2106.10404',
  schema: schema as unknown as z.ZodType<GranetParams>,
  teaching: {
    what: 'One training run during which the mask changes: the density follows a cubic schedule from the starting density (1: dense→sparse; below 1: a random sparse start, sparse→sparse) down to the target, and at each update a decaying share of every layer\'s weakest weights is swapped for the inactive connections with the largest gradient. The density chart shows each layer over training; the regrowth chart the share swapped at each update.',
    expect: 'GraNet ends at the target density at the end of the pruning window and keeps swapping connections after it. It is usually at or above GMP (the same schedule without regrowth) and above SNIP and random ERK at the same final density — orderings published for CIFAR and ImageNet (Liu et al., NeurIPS 2021); no MNIST numbers exist.',
    startsDense: true,
    changesMaskDuringTraining: true,
  },
  comparison: {
    kind: 'single',
    label: 'GraNet',
    variants: { 'granet-s2s': { label: 'GraNet sparse→sparse', params: (density) => ({ density, initialDensity: Math.max(0.5, density) }) } },
  },
  ignoredParams: (p) => ({
    ...scheduleIgnored(p, ['pruneStart', 'pruneEnd', 'interval', 'scope', 'regrowth', 'regrowthMin', 'initDistribution']),
    ...(p.initialDensity >= 1 ? { initDistribution: 'the run starts dense (initialDensity 1), so there is no starting random mask to shape' } : {}),
    ...(p.regrowth === 0 ? { regrowthMin: 'regrowth is 0, so nothing is regrown and its decay does not matter' } : {}),
  }),
  rounds: () => 1,
  densityAt: (p, _round, progress) => gradualDensityAt(p, progress),
  initMasks: (ctx, p) => ({
    masks: p.initialDensity < 1 ? randomSparseMasks(ctx.model, p.initDistribution, p.initialDensity, ctx.rng) : denseMasks(ctx.model),
  }),
  updateEvery: (p, total) => intervalSteps(p.interval, total),
  updateMasks: (ctx, p) => gradualUpdate(ctx, p),
};
