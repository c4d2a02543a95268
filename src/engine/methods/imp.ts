import { z } from 'zod';
import { prunableParams, type LayerRole } from '../models/types';
import type { Masks } from '../pruning/masks';
import { nnz } from '../pruning/masks';
import { countToDensity, magnitudeScores, pruneCount, pruneGlobal, pruneLayerwise } from '../pruning/pruneByCount';
import type { PruneContext, SparsityMethod } from './types';

const ROLES = ['conv', 'fc', 'output'] as const;

/** A rate of 100 % would remove every surviving weight of a layer in one round. */
const rate = (d: number) => z.number().min(0).lt(1).default(d);

const schema = z
  .object({
    /** Pruning rounds after the dense round 0. */
    rounds: z.number().int().min(0).max(60).default(5),
    /** Fraction of surviving weights removed per round, by layer role (LTH: 20 % fc, 10 % output). Layer-wise scope only; 0: that role is not pruned. */
    rates: z
      .object({ conv: rate(0.1), fc: rate(0.2), output: rate(0.1) })
      .strict()
      .default({ conv: 0.1, fc: 0.2, output: 0.1 }),
    scope: z.enum(['layerwise', 'global']).default('layerwise'),
    /** Global scope only: fraction of all survivors per round (0 would prune nothing). */
    globalRate: z.number().gt(0).lt(1).default(0.2),
    /**
     * Layer roles that are never pruned, in every scope (open_lth's
     * `pruning_layers_to_ignore`: its LeNet and VGG leave the output layer dense).
     */
    exclude: z.array(z.enum(ROLES)).default([]),
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

/** Names of the prunable layers whose role is excluded from pruning. */
function excludedLayers(ctx: PruneContext, exclude: readonly LayerRole[]): string[] {
  return prunableParams(ctx.model).filter((s) => exclude.includes(s.role)).map((s) => s.name);
}

/**
 * Removes the surviving weights a round of IMP prunes: per layer at the
 * LTH per-role rates, or globally at one rate, or globally down to a target.
 * Excluded roles keep their masks in every case. Pure: (config, trained
 * weights, current masks) → next masks.
 */
export function impPrune(ctx: PruneContext, p: ImpParams, round: number): Masks {
  const scores = magnitudeScores(ctx.weights, ctx.masks);
  const ignore = excludedLayers(ctx, p.exclude);
  if (p.targetDensities) {
    const target = p.targetDensities[Math.min(round, p.targetDensities.length - 1)];
    return pruneGlobal(scores, ctx.masks, countToDensity(ctx.masks, target, ignore), ignore);
  }
  if (p.scope === 'global') {
    // open_lth's sparse_global: the count is a fraction of ALL survivors, the
    // excluded layers' included, but only the participating layers lose weights.
    let alive = 0;
    let aliveIgnored = 0;
    for (const [name, m] of Object.entries(ctx.masks)) {
      alive += nnz(m);
      if (ignore.includes(name)) aliveIgnored += nnz(m);
    }
    return pruneGlobal(scores, ctx.masks, Math.min(alive - aliveIgnored, pruneCount(p.globalRate, alive)), ignore);
  }
  const counts: Record<string, number> = {};
  for (const spec of prunableParams(ctx.model)) {
    counts[spec.name] = p.exclude.includes(spec.role) ? 0 : pruneCount(p.rates[spec.role], nnz(ctx.masks[spec.name]), 'round');
  }
  return pruneLayerwise(scores, ctx.masks, counts);
}

/** What these settings make irrelevant (see SparsityMethod.ignoredParams). */
function ignoredParams(p: ImpParams): Record<string, string> {
  const out: Record<string, string> = {};
  if (!p.targetDensities && p.rounds === 0) {
    const why = 'rounds 0: only the dense round trains, nothing is pruned';
    for (const f of ['rates.conv', 'rates.fc', 'rates.output', 'scope', 'globalRate', 'exclude', 'reset', 'rewindStep']) out[f] = why;
    return out;
  }
  const ratesWhy = p.targetDensities
    ? 'targetDensities prune globally to each listed density, so the per-layer rates are not used'
    : 'in global scope one threshold over all layers removes globalRate of the survivors; per-layer rates are not used (to keep a layer dense, use exclude, e.g. --exclude output)';
  if (p.targetDensities || p.scope === 'global') for (const r of ROLES) out[`rates.${r}`] = ratesWhy;
  if (p.targetDensities) {
    out.rounds = 'targetDensities sets the rounds: one per listed density';
    out.scope = 'targetDensities always prune globally';
    out.globalRate = 'targetDensities set each round\'s density instead of a rate';
  } else if (p.scope === 'layerwise') {
    out.globalRate = 'only used in global scope; layer-wise pruning uses rates.conv / rates.fc / rates.output';
    for (const r of p.exclude) out[`rates.${r}`] ??= `the ${r} role is excluded from pruning, so its rate is not used`;
  }
  if (p.reset === 'init') out.rewindStep = 'reset to θ0 does not rewind; set reset to rewind or lr-rewind to use k';
  return out;
}

/** In comparisons, rewinding variants default to k = 5 % of the round, inside the 0.1–7 % window of Frankle et al. (2019). */
const defaultRewind = (iterations: number) => Math.max(1, Math.round(0.05 * iterations));

export const imp: SparsityMethod<ImpParams> = {
  id: 'imp',
  label: 'Iterative magnitude pruning (lottery ticket)',
  summary:
    'Train, remove the smallest-magnitude surviving weights, reset the survivors to their initial (or early-training) values and repeat; the sparse subnetwork that still trains well is a "winning ticket". Frankle & Carbin, ICLR 2019; rewinding from Frankle et al. 2019/2020 and Renda et al., ICLR 2020.',
  paper: 'https://arxiv.org/abs/1803.03635',
  schema,
  teaching: {
    what: 'Each round trains the network, removes a share of the smallest surviving weights, and restarts the survivors: from their initial values θ0 (reset), from their values at an early iteration k (weight rewinding), or from the trained values with the learning-rate schedule replayed from k (LR rewinding). One point per round; the controls retrain the same round\'s mask from fresh random weights (re-init) or a random mask with the same per-layer counts (random mask).',
    expect: 'On MNIST LeNet-300-100 the ticket keeps the dense accuracy down to about 3.6 % of the weights and peaks about 0.3 pp above it near 13.5 % (LTH §2); the re-initialised mask falls behind from about 21 %, a random mask sooner. Moderately sparse tickets also reach their best validation loss earlier. Rewinding to an early iteration k matters for deeper CIFAR nets, not for LeNet, whose training is already stable at initialisation (Frankle et al., ICML 2020).',
    fieldHelp: {
      scope: 'Layer-wise: every layer loses its role\'s rate each round (LTH). Global: one threshold over all participating layers removes globalRate of all survivors (open_lth), so big layers lose more.',
      exclude: 'Layer roles never pruned, in either scope. open_lth\'s LeNet leaves the output layer dense (pruning_layers_to_ignore = fc.weight).',
      globalRate: 'Global scope: share of ALL surviving weights removed per round, counted over every layer (the excluded ones too, as open_lth does).',
      rewindStep: 'k: the iteration rewinding restarts from (weights and schedule for rewind; schedule only for lr-rewind).',
    },
  },
  comparison: {
    kind: 'iterative',
    label: 'IMP ticket',
    variants: {
      'imp-rewind': { label: 'IMP, weight rewinding', params: (_d, T) => ({ reset: 'rewind', rewindStep: defaultRewind(T) }) },
      'imp-lr-rewind': { label: 'IMP, LR rewinding', params: (_d, T) => ({ reset: 'lr-rewind', rewindStep: defaultRewind(T) }) },
    },
  },
  hiddenFields: (params, { conv }) => {
    const hidden: string[] = [];
    const targets = Array.isArray(params.targetDensities) && params.targetDensities.length > 0;
    const global = params.scope === 'global';
    if (targets || global) hidden.push('rates');
    if (targets || !global) hidden.push('globalRate');
    if (targets) hidden.push('rounds', 'scope');
    if (!conv) hidden.push('rates.conv');
    if ((params.reset ?? 'init') === 'init') hidden.push('rewindStep');
    return hidden;
  },
  ignoredParams,
  rounds: (p) => (p.targetDensities ? p.targetDensities.length : p.rounds) + 1,
  rewindStep: (p) => (p.reset === 'init' ? 0 : p.rewindStep),
  densityAt: (p, round) => {
    if (round === 0 || p.exclude.includes('fc')) return 1;
    if (p.targetDensities) return p.targetDensities[Math.min(round - 1, p.targetDensities.length - 1)];
    return (1 - (p.scope === 'global' ? p.globalRate : p.rates.fc)) ** round;
  },
  afterRound: (ctx, p, round) => ({ masks: impPrune(ctx, p, round), reset: p.reset }),
};
