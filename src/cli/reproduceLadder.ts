/**
 * The budget of `npm run reproduce -- lth-mnist`: LTH §2 on LeNet-300-100,
 * visiting only the densities the paper names instead of all 18 rounds.
 *
 * The paper prunes 20 % of each hidden layer and 10 % of the output layer per
 * round and labels rounds 3 / 7 / 9 / 12 / 15 / 18 (51.3 / 21.1 / 13.5 / 7.0 /
 * 3.6 / 1.9 % remaining). "imp-ladder" jumps between those rounds in one
 * layer-wise magnitude prune each, removing exactly the weights the skipped
 * rounds would have removed in total, so every round lands on the paper's
 * per-layer counts — 7 trainings per seed instead of 19. The cost is that
 * the intermediate retrainings are skipped (a larger per-round rate, which
 * LTH App. G.4 finds slightly worse at small Pm); the reset to θ0, the scoring
 * and the controls are the paper's. IMP's own `targetDensities` would also
 * reach these densities, but prunes globally, which is not the LeNet recipe.
 */
import { z } from 'zod';
import { imp, methods, prunableParams, nnz, magnitudeScores, pruneCount, pruneLayerwise, type RunConfigInput, type PruneContext, type SparsityMethod, type Masks } from '../engine';

/** LTH round numbers whose densities the paper reports (§2, algorithms.md §2). */
export const LTH_LADDER = [3, 7, 9, 12, 15, 18];

const schema = z
  .object({
    /** Increasing LTH round numbers to visit after the dense round 0. */
    ladder: z.array(z.number().int().positive()).min(1).default(LTH_LADDER),
    rates: z
      .object({ conv: z.number().min(0).max(1).default(0.1), fc: z.number().min(0).max(1).default(0.2), output: z.number().min(0).max(1).default(0.1) })
      .default({ conv: 0.1, fc: 0.2, output: 0.1 }),
  })
  .strict();

export type LadderParams = z.infer<typeof schema>;

/** Survivors of one layer after `rounds` LTH rounds at `rate`, with the LTH code's round(f·n) per round. */
export function survivorsAfter(n: number, rate: number, rounds: number): number {
  let left = n;
  for (let i = 0; i < rounds; i++) left -= pruneCount(rate, left, 'round');
  return left;
}

/** The masks after jumping from ladder step `round` to the next: per layer, the weights that many LTH rounds remove. */
export function ladderPrune(ctx: PruneContext, p: LadderParams, round: number): Masks {
  const from = round === 0 ? 0 : p.ladder[round - 1];
  const to = p.ladder[round];
  if (!(to > from)) throw new Error(`imp-ladder: ladder must increase, got ${from} then ${to}`);
  const counts: Record<string, number> = {};
  for (const spec of prunableParams(ctx.model)) {
    const alive = nnz(ctx.masks[spec.name]);
    counts[spec.name] = alive - survivorsAfter(alive, p.rates[spec.role], to - from);
  }
  return pruneLayerwise(magnitudeScores(ctx.weights, ctx.masks), ctx.masks, counts);
}

export const impLadder: SparsityMethod<LadderParams> = {
  id: 'imp-ladder',
  label: 'IMP on the LTH ladder (reproduction budget)',
  summary:
    'Iterative magnitude pruning with reset to θ0 that trains only at the LTH paper\'s labelled rounds, pruning each layer in one step to the count the skipped 20 %/10 % rounds would leave. Frankle & Carbin, ICLR 2019.',
  paper: 'https://arxiv.org/abs/1803.03635',
  schema,
  teaching: imp.teaching,
  rounds: (p) => p.ladder.length + 1,
  afterRound: (ctx, p, round) => ({ masks: ladderPrune(ctx, p, round), reset: 'init' }),
};

/** Adds imp-ladder to the method registry for this process (it is a reproduction budget, not a lab method). */
export function registerLadderMethod(): void {
  methods[impLadder.id] ??= impLadder;
}

export interface LthBudget {
  /** Training iterations of every trunk round and control. */
  iterations: number;
  evalEvery: number;
  ladder: number[];
}

/**
 * Chosen so that 3 seeds × (7 ticket rounds + 2 controls × 6 pruned rounds)
 * = 57 trainings take ~25 min on an idle 2-core machine: measured ≈ 5.5 ms
 * of CPU per step and ≈ 0.22 s per val + test evaluation, so one training
 * costs ≈ 51 CPU-seconds and 57 of them ≈ 24 min on two cores.
 * 8,000 iterations is 8.7 epochs at batch 60, against the paper's 50,000.
 */
export const DEFAULT_BUDGET: LthBudget = { iterations: 8000, evalEvery: 250, ladder: LTH_LADDER };

/** The RunConfig of one seed: the LTH LeNet recipe (Adam 1.2e-3, batch 60) on the budget, both controls. */
export function lthConfig(seed: number, b: LthBudget): RunConfigInput {
  return {
    name: `reproduce lth-mnist seed ${seed}`,
    model: 'lenet300',
    seed,
    data: { dataset: 'mnist', valSize: 5000 },
    training: { optimizer: 'adam', lr: 1.2e-3, batchSize: 60, iterations: b.iterations, evalEvery: b.evalEvery },
    method: { id: impLadder.id, params: { ladder: b.ladder } },
    controls: ['reinit', 'random-mask'],
  };
}
