/**
 * Step timing for the training engine, shared by the Node driver
 * (scripts/bench.ts) and, later, the in-page benchmark: it uses only tfjs and
 * engine modules, never Node APIs, so the same numbers can be taken in a page.
 *
 * What is timed is the lab's own training step (SparseNet.step: upload a
 * batch, forward with W⊙M, backward, masked Adam), in "rounds" that mirror
 * IMP: each round resets the weights to θ0 and starts a fresh optimizer, runs
 * untimed warm-up steps, then times `steps` steps and ends with an awaited
 * data() read so asynchronous backends cannot hide queued work.
 */
import * as tf from '@tensorflow/tfjs';
import { initWeights, getModel, denseMasks, randomMasksWithDensities, SparseNet, Rng, type Weights, type ModelDef, type Masks } from '../engine';

/**
 * plain: no masks at all (the cost floor); dense: the lab's round-0 net
 * (all-ones masks, same code path as a pruned round); masked: random masks
 * at `density` per layer.
 */
export type StepVariant = 'plain' | 'dense' | 'masked';

export interface StepBenchOptions {
  model: string;
  batch: number;
  density: number;
  lr: number;
  /** Untimed steps at the start of every round (the first creates the Adam slots). */
  warmupSteps: number;
  steps: number;
  rounds: number;
  seed: number;
  /**
   * Optional process CPU clock in ms (Node: process.cpuUsage). On a shared
   * machine wall time includes other processes' slices; CPU time does not.
   */
  cpuClock?: () => number;
}

export const DEFAULT_STEP_BENCH: StepBenchOptions = {
  model: 'lenet300', batch: 60, density: 0.1, lr: 1.2e-3, warmupSteps: 3, steps: 40, rounds: 6, seed: 0,
};

export interface StepTiming {
  variant: StepVariant;
  backend: string;
  density: number;
  batch: number;
  /** Milliseconds per step in each timed round. */
  roundMs: number[];
  medianMs: number;
  bestMs: number;
  samplesPerSec: number;
  samplesPerSecBest: number;
  /** Median CPU ms per step, when a cpuClock was given. */
  cpuMs?: number;
  /** tf.memory().numTensors after each round: flat means no leak. */
  tensorsAfterRound: number[];
  tensorsFlat: boolean;
}

export interface Bench {
  variant: StepVariant;
  net: SparseNet;
  theta0: Weights;
}

/** The model with nothing prunable: SparseNet then applies no mask at all. */
function unmasked(model: ModelDef): ModelDef {
  return { ...model, params: model.params.map((p) => ({ ...p, prunable: false })) };
}

export function makeBench(variant: StepVariant, o: StepBenchOptions): Bench {
  const base = getModel(o.model);
  const model = variant === 'plain' ? unmasked(base) : base;
  const theta0 = initWeights(model, o.seed);
  let masks: Masks = denseMasks(model);
  if (variant === 'masked') {
    const d = Object.fromEntries(Object.keys(masks).map((k) => [k, o.density]));
    masks = randomMasksWithDensities(masks, d, Rng.derive(o.seed, 'bench-mask'));
  }
  return { variant, net: new SparseNet(model, theta0, masks, { kind: 'adam' }), theta0 };
}

/** A few fixed CPU batches, uploaded every step as the training loop does. */
export function makeBatches(model: ModelDef, batch: number, seed: number, count = 4) {
  const rng = Rng.derive(seed, 'bench-data');
  const [h, w, c] = model.inputShape;
  return Array.from({ length: count }, () => {
    const x = new Float32Array(batch * h * w * c).map(() => rng.normal());
    const y = Int32Array.from({ length: batch }, () => rng.int(model.numClasses));
    return { x, y, shape: [batch, h, w, c] as [number, number, number, number] };
  });
}

export function runSteps(b: Bench, data: ReturnType<typeof makeBatches>, n: number, lr: number, classes: number): tf.Scalar | null {
  let last: tf.Scalar | null = null;
  for (let i = 0; i < n; i++) {
    const d = data[i % data.length];
    const x = tf.tensor4d(d.x, d.shape);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(d.y, 'int32'), classes).toFloat()) as tf.Tensor2D;
    const { loss } = b.net.step(x, y, lr);
    tf.dispose([x, y]);
    last?.dispose();
    last = loss;
  }
  return last;
}

/** One timed round: reset to θ0, fresh optimizer, warm-up, then `steps` timed steps (wall and CPU ms per step). */
export async function round(b: Bench, data: ReturnType<typeof makeBatches>, o: StepBenchOptions, classes: number): Promise<{ ms: number; cpu: number }> {
  b.net.setWeights(b.theta0);
  b.net.resetOptimizer();
  await finish(runSteps(b, data, o.warmupSteps, o.lr, classes));
  const c0 = o.cpuClock?.() ?? 0;
  const t0 = performance.now();
  await finish(runSteps(b, data, o.steps, o.lr, classes));
  return { ms: (performance.now() - t0) / o.steps, cpu: ((o.cpuClock?.() ?? 0) - c0) / o.steps };
}

export async function finish(t: tf.Scalar | null): Promise<void> {
  if (!t) return;
  await t.data();
  t.dispose();
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Times the variants with their rounds interleaved (plain, dense, masked,
 * plain, …) so a slow spell on a shared machine hits all of them alike.
 */
export async function timeSteps(variants: StepVariant[], opts: Partial<StepBenchOptions> = {}, onRound?: (v: StepVariant, r: number, ms: number) => void): Promise<StepTiming[]> {
  const o = { ...DEFAULT_STEP_BENCH, ...opts };
  const benches = variants.map((v) => makeBench(v, o));
  const data = makeBatches(benches[0].net.model, o.batch, o.seed);
  const classes = benches[0].net.model.numClasses;
  const ms = benches.map(() => [] as number[]);
  const cpu = benches.map(() => [] as number[]);
  const tensors = benches.map(() => [] as number[]);
  try {
    for (const b of benches) await round(b, data, o, classes); // JIT and kernel warm-up, not recorded
    for (let r = 0; r < o.rounds; r++) {
      for (const [i, b] of benches.entries()) {
        const t = await round(b, data, o, classes);
        ms[i].push(t.ms);
        cpu[i].push(t.cpu);
        tensors[i].push(tf.memory().numTensors);
        onRound?.(b.variant, r, ms[i][r]);
      }
    }
  } finally {
    benches.forEach((b) => b.net.dispose());
  }
  return benches.map((b, i) => {
    const med = median(ms[i]);
    const best = Math.min(...ms[i]);
    // Every bench's tensors stay live until the end, so each column must be constant.
    return {
      variant: b.variant, backend: tf.getBackend(), density: b.variant === 'masked' ? o.density : 1, batch: o.batch,
      roundMs: ms[i], medianMs: med, bestMs: best, samplesPerSec: (o.batch * 1000) / med, samplesPerSecBest: (o.batch * 1000) / best,
      ...(o.cpuClock ? { cpuMs: median(cpu[i]) } : {}),
      tensorsAfterRound: tensors[i], tensorsFlat: tensors[i].every((n) => n === tensors[i][0]),
    };
  });
}
