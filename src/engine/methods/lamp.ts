import { z } from 'zod';
import { lampScores } from '../pruning/lamp';
import { nnz, overallDensity } from '../pruning/masks';
import { pruneToDensity } from '../pruning/pruneToDensity';
import type { SparsityMethod } from './types';

const schema = z
  .object({
    /** Pruning rounds after the dense round 0 (ignored when targetDensities is set). */
    rounds: z.number().int().min(0).max(60).default(5),
    /** Fraction of the surviving weights removed per round (LAMP: 20 %). */
    rate: z.number().gt(0).max(1).default(0.2),
    /** Instead of a fixed rate, prune to these overall densities, one per round. */
    targetDensities: z.array(z.number().gt(0).max(1)).optional(),
    /** 'continue': fine-tune the pruned weights (the LAMP paper); 'init': reset to θ0 (a lottery ticket). */
    reset: z.enum(['continue', 'init']).default('continue'),
  })
  .strict();

type LampParams = z.infer<typeof schema>;

export const lamp: SparsityMethod<LampParams> = {
  id: 'lamp',
  label: 'LAMP (layer-adaptive magnitude pruning)',
  summary:
    'Iteratively prunes with one global threshold on LAMP scores, w² divided by the sum of w² over the weights of its layer that are at least as large, which sets each layer\'s sparsity automatically and never empties a layer. Lee et al., "Layer-adaptive Sparsity for the Magnitude-based Pruning", ICLR 2021.',
  paper: 'https://arxiv.org/abs/2010.07611',
  schema,
  teaching: {
    what: 'Iterative pruning like IMP, but one global threshold on layer-normalised scores chooses how sparse each layer becomes; by default the survivors are fine-tuned, not reset. One point per round.',
    expect: 'No layer is ever emptied (each layer\'s largest weight scores 1), so LAMP holds up at extreme sparsity where plain global magnitude pruning collapses a layer (Lee et al., ICLR 2021).',
  },
  comparison: { kind: 'iterative', label: 'LAMP' },
  ignoredParams: (p): Record<string, string> => (!p.targetDensities && p.rounds === 0 ? { rate: 'rounds 0: only the dense round trains', reset: 'rounds 0: only the dense round trains' } : p.targetDensities ? { rounds: 'targetDensities sets the rounds: one per listed density', rate: 'targetDensities set each round\'s density instead of a rate' } : {}),
  rounds: (p) => (p.targetDensities ? p.targetDensities.length : p.rounds) + 1,
  densityAt: (p, round) => (round === 0 ? 1 : p.targetDensities ? p.targetDensities[Math.min(round - 1, p.targetDensities.length - 1)] : (1 - p.rate) ** round),
  afterRound: (ctx, p, round) => {
    let target: number;
    if (p.targetDensities) {
      target = p.targetDensities[Math.min(round, p.targetDensities.length - 1)];
    } else {
      const total = Object.values(ctx.masks).reduce((n, m) => n + m.length, 0);
      const alive = Object.values(ctx.masks).reduce((n, m) => n + nnz(m), 0);
      target = Math.max(1, alive - Math.ceil(p.rate * alive - 1e-9)) / total;
    }
    target = Math.min(target, overallDensity(ctx.masks));
    return { masks: pruneToDensity(lampScores(ctx.weights, ctx.masks), ctx.masks, target, 'global'), reset: p.reset };
  },
};
