import { z } from 'zod';
import { INIT_SCHEMES } from '../models/init';

/**
 * The complete description of a run. A config plus its seed reproduces the
 * same masks and curves; it is what the CLI flags, the URL hash and saved
 * files encode. Defaults are the LTH LeNet-300-100 recipe on a reduced budget.
 */
export const LrScheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant') }),
  /** Multiply the rate by `gamma` at each milestone iteration. */
  z.strictObject({ kind: z.literal('step'), milestones: z.array(z.number().int().nonnegative()), gamma: z.number().positive() }),
  /** Linear warm-up over `warmup` iterations, then constant. */
  z.strictObject({ kind: z.literal('warmup'), warmup: z.number().int().positive() }),
]);

export const TrainingSchema = z.strictObject({
  optimizer: z.enum(['sgd', 'momentum', 'adam']).default('adam'),
  lr: z.number().positive().max(10).default(1.2e-3),
  momentum: z.number().min(0).max(0.9999).default(0.9),
  weightDecay: z.number().min(0).max(1).default(0),
  batchSize: z.number().int().min(1).max(4096).default(60),
  /** Training iterations per round (ignored when `epochs` is set). */
  iterations: z.number().int().min(1).max(10_000_000).default(2000),
  /**
   * Passes over the training split per round, instead of `iterations`: the
   * round then has epochs × (iterations per epoch) steps, where an epoch is
   * ceil(n / batch) batches with the last partial batch kept (PyTorch's
   * DataLoader default, open_lth) or floor(n / batch) with it dropped.
   */
  epochs: z.number().int().min(1).max(100_000).optional(),
  /**
   * 'wrap': batches are always full and run across epoch boundaries (the LTH
   * code's endless stream). 'keep' / 'drop': batches stop at each epoch's
   * end, keeping or dropping the last partial batch.
   */
  lastBatch: z.enum(['wrap', 'keep', 'drop']).default('wrap'),
  /** Evaluate on validation and test every N iterations (LTH: 100). */
  evalEvery: z.number().int().min(1).default(100),
  lrSchedule: LrScheduleSchema.default({ kind: 'constant' }),
});

export const DataSchema = z.strictObject({
  dataset: z.string().default('mnist'),
  /** Examples held out of training for early stopping; 0 trains on every example (then there is no early stop). */
  valSize: z.number().int().min(0).default(5000),
  splitSeed: z.number().int().default(0),
  trainSubset: z.number().int().min(1).optional(),
  testSubset: z.number().int().min(1).optional(),
  /** Random horizontal flip and 4-pixel crop (CIFAR-10). */
  augment: z.boolean().default(false),
});

export const ControlSchema = z.enum(['reinit', 'random-mask']);

/**
 * Linear mode connectivity / instability analysis (Frankle, Dziugaite, Roy &
 * Carbin, ICML 2020): from the weights at each iteration k, two copies train
 * to the end with different data orders; test error is measured at `points`
 * evenly spaced points on the straight line between them, and the error
 * barrier is the largest rise above the mean of the two ends.
 */
export const LmcSchema = z.strictObject({
  /** The iterations k the two copies start from (each below the round's length). */
  ks: z.array(z.number().int().min(0)).min(1).max(20),
  /** Evaluated points on the line, ends included (α = 0, 1/(points−1), …, 1). */
  points: z.number().int().min(2).max(41).default(11),
  /** 1: the dense network. Below 1: the one-shot magnitude ticket of that density (layer-wise), from a dense network trained to the end. */
  density: z.number().gt(0).max(1).default(1),
  /** Both copies see the same data order (a check: the barrier is then exactly 0). */
  sameOrder: z.boolean().default(false),
});

/** Strict: an unknown field (a typo, or a link from a newer version) is an error that names it. */
export const RunConfigSchema = z.strictObject({
  name: z.string().max(120).optional(),
  data: DataSchema.default(DataSchema.parse({})),
  model: z.string().default('lenet300'),
  /** How θ0 is drawn: Glorot-normal with zero biases (LTH) or open_lth's Kaiming schemes (models/init.ts). */
  init: z.enum(INIT_SCHEMES).default('glorot-normal'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  training: TrainingSchema.default(TrainingSchema.parse({})),
  method: z
    .strictObject({ id: z.string(), params: z.record(z.string(), z.unknown()).default({}) })
    .default({ id: 'imp', params: {} }),
  /** LTH controls trained at every round's mask: random re-init, random mask with the same layer counts. */
  controls: z.array(ControlSchema).default([]),
  /** Set: run the instability analysis instead of the method's rounds (the method must be dense). */
  lmc: LmcSchema.optional(),
});

export type RunConfig = z.infer<typeof RunConfigSchema>;
export type RunConfigInput = z.input<typeof RunConfigSchema>;
export type TrainingConfig = z.infer<typeof TrainingSchema>;
export type LrSchedule = z.infer<typeof LrScheduleSchema>;
export type ControlKind = z.infer<typeof ControlSchema>;
export type LmcConfig = z.infer<typeof LmcSchema>;

/** Fills defaults and validates; throws a ZodError naming each bad field. */
export function parseRunConfig(input: unknown): RunConfig {
  return RunConfigSchema.parse(input);
}

let defaults: RunConfig | undefined;
/**
 * Every setting at its default, parsed once: run ids, links and the
 * ignored-settings check compare against it without parsing again. Frozen,
 * since every caller shares it.
 */
export function defaultRunConfig(): RunConfig {
  return (defaults ??= deepFreeze(RunConfigSchema.parse({})));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Iterations in one round for a training split of `trainN` examples: the
 * configured `iterations`, or `epochs` whole passes in the chosen batching.
 */
export function roundIterations(t: TrainingConfig, trainN: number): number {
  if (t.epochs === undefined) return t.iterations;
  return t.epochs * iterationsPerEpoch(t, trainN);
}

/** Batches in one pass over `trainN` examples ('wrap' counts whole batches, rounding up). */
export function iterationsPerEpoch(t: Pick<TrainingConfig, 'batchSize' | 'lastBatch'>, trainN: number): number {
  const b = Math.min(t.batchSize, trainN);
  return t.lastBatch === 'drop' ? Math.max(1, Math.floor(trainN / b)) : Math.ceil(trainN / b);
}

/** Learning rate at iteration `step` (0-based). */
export function lrAt(t: TrainingConfig, step: number): number {
  const s = t.lrSchedule;
  switch (s.kind) {
    case 'constant':
      return t.lr;
    case 'step':
      return t.lr * Math.pow(s.gamma, s.milestones.filter((m) => step >= m).length);
    case 'warmup':
      return t.lr * Math.min(1, (step + 1) / s.warmup);
  }
}
