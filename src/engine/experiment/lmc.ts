import * as tf from '@tensorflow/tfjs';
import { Batcher } from '../data/batcher';
import type { Dataset } from '../data/types';
import { initWeights, type Weights } from '../models/init';
import { getModel } from '../models/model';
import { pruneToDensity, weightScores } from '../pruning/pruneToDensity';
import { denseMasks, type Masks } from '../pruning/masks';
import { SparseNet } from '../train/sparseNet';
import { roundIterations, type LmcConfig, type RunConfig } from './config';
import { RunControl } from './control';
import { EvalSet } from './evaluate';
import type { EmitFn, LmcPoint, RoundResult, RunResult } from './events';
import { firstCopyRound, instabilityPlan, plan0 } from './plan';
import { RunClock } from './runClock';
import { runId } from './runId';
import { optimizerOf, type RunContext, type RunOptions } from './runContext';
import { seedStreams, weightDraws } from '../util/seedStreams';
import { announceMasks, trainRound } from './trainRound';

/**
 * The error barrier of an interpolation: the largest test error at an
 * evaluated point minus the mean error of the two ends. Only the points that
 * were evaluated count — a spike between two of them is not seen. Never
 * negative, since the largest error is at least the larger end's.
 */
export function errorBarrier(errors: number[]): number {
  if (errors.length < 2) throw new Error('An interpolation needs at least its two ends');
  const ends = (errors[0] + errors[errors.length - 1]) / 2;
  return Math.max(...errors) - ends;
}

/** α = 0, 1/(n−1), …, 1. */
export const interpolationAlphas = (points: number) => Array.from({ length: points }, (_, i) => i / (points - 1));

/** (1 − α)·a + α·b for every parameter (masked positions are zero in both, so they stay zero). */
export function mixWeights(a: Weights, b: Weights, alpha: number): Weights {
  const out: Weights = {};
  for (const name of Object.keys(a)) {
    const x = a[name];
    const y = b[name];
    const v = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) v[i] = (1 - alpha) * x[i] + alpha * y[i];
    out[name] = v;
  }
  return out;
}

/** Test error and loss at each α on the line from a to b, evaluated with `net` (its mask applies). */
export async function interpolate(net: SparseNet, a: Weights, b: Weights, alphas: number[], test: EvalSet, control?: RunControl): Promise<{ testError: number[]; testLoss: number[] } | null> {
  const testError: number[] = [];
  const testLoss: number[] = [];
  for (const alpha of alphas) {
    net.setWeights(mixWeights(a, b, alpha));
    // Chunked like every evaluation: a Stop during the line ends it (null).
    const r = await test.evaluate(net, { control });
    if (!r) return null;
    testError.push(1 - r.acc);
    testLoss.push(r.loss);
  }
  return { testError, testLoss };
}

/**
 * The instability analysis of Frankle et al. (ICML 2020): one shared training
 * from θ0 records θk at every k; from each θk two copies train to the end
 * with different data orders (the same order when `sameOrder`), and the test
 * error is measured along the straight line between them. With density < 1
 * every network trains under the one-shot magnitude ticket of a dense network
 * trained to the end (a one-level IMP mask), as the paper's IMP subnetworks.
 */
export async function runInstability(config: RunConfig, ds: Dataset, opts: RunOptions = {}): Promise<RunResult> {
  const lmc = config.lmc as LmcConfig;
  if (config.method.id !== 'dense') throw new Error(`The instability analysis trains the dense network (or the ticket of lmc.density); set the method to dense, not ${config.method.id}`);
  const emit: EmitFn = opts.emit ?? (() => {});
  const control = opts.control ?? new RunControl();
  const model = getModel(config.model, ds.inputShape, ds.numClasses);
  const T = roundIterations(config.training, ds.train.n);
  const ks = [...new Set(lmc.ks)].sort((x, y) => x - y);
  if (ks[ks.length - 1] >= T) throw new Error(`Every k must be below the ${T} training iterations (got ${ks[ks.length - 1]})`);
  const id = runId(config);
  const t0 = performance.now();
  const parent = lmc.density < 1;
  const kMax = ks[ks.length - 1];
  const plan = instabilityPlan(lmc, T, config.training.evalEvery);
  const clock = new RunClock(config.training.batchSize);
  // Work planned after a given training, for the run's ETA.
  const later = (round: number) => plan.filter((p) => p.round > round).reduce((w, p) => ({ steps: w.steps + p.steps, evals: w.evals + p.evals }), { steps: 0, evals: 0 });
  const runTotal = plan.reduce((n, p) => n + p.steps, 0);
  emit({ type: 'run-start', runId: id, config, plan });
  if (ds.val.n === 0) emit({ type: 'warning', code: 'no-validation', message: 'No validation set (valSize 0): no early stop; the analysis uses test error at the end of training.' });

  const val = new EvalSet(ds, ds.val);
  const test = new EvalSet(ds, ds.test);
  const run: RunContext = { config, model, ds, val, test, emit, control, clock, runTotal };
  const theta0 = initWeights(model, config.seed, weightDraws.theta0, config.init);
  const rounds: RoundResult[] = [];
  const points: LmcPoint[] = [];
  let runDone = 0;
  const result = (stoppedReason?: string): RunResult => {
    const out: RunResult = {
      schema: 'sparse-lab/run@1', runId: id, config, backend: tf.getBackend(), startedAt: new Date(Date.now() - (performance.now() - t0)).toISOString(),
      seconds: (performance.now() - t0) / 1000, rounds, lmc: points, ...(stoppedReason ? { stoppedReason } : {}),
    };
    emit({ type: 'run-end', result: out });
    return out;
  };
  const train = async (weights: Weights, masks: Masks, round: number, order: 'data' | 'a' | 'b', start: number, end: number, snapshots?: { at: number[]; got: Map<number, Weights> }) => {
    const net = new SparseNet(model, weights, masks, optimizerOf(config));
    try {
      const batcher = new Batcher(ds, config.training.batchSize, order === 'data' ? seedStreams.dataOrder(config.seed) : seedStreams.lmcOrder(config.seed, order), config.data.augment, config.training.lastBatch);
      if (start > 0) batcher.skip(start);
      const res = await trainRound(run, {
        net, batcher, series: 'trunk', round, startStep: start, endStep: end, runDone, later: later(round),
        snapshotAt: snapshots?.at, onSnapshot: (w, step) => snapshots?.got.set(step, w),
      });
      if (!res) return null;
      runDone += res.steps;
      rounds.push(res);
      emit({ type: 'round-end', result: res });
      return await net.readWeights();
    } finally {
      net.dispose();
    }
  };

  try {
    let masks = denseMasks(model);
    if (parent) {
      const trained = await train(theta0, masks, 0, 'data', 0, T);
      if (!trained) return result('stopped');
      masks = pruneToDensity(weightScores('magnitude', trained, masks), masks, lmc.density, 'layerwise');
    }
    announceMasks(emit, 'trunk', plan0(parent), 0, parent ? `one-shot magnitude ticket at ${lmc.density}` : 'dense network', masks);
    // θk for every k from one shared training (θ0 for k = 0).
    const starts = new Map<number, Weights>([[0, theta0]]);
    if (kMax > 0 && !(await train(theta0, masks, plan0(parent), 'data', 0, kMax, { at: ks, got: starts }))) return result('stopped');
    const probe = new SparseNet(model, theta0, masks, optimizerOf(config));
    try {
      for (const [i, k] of ks.entries()) {
        const round = firstCopyRound(parent, kMax) + 2 * i;
        const a = await train(starts.get(k)!, masks, round, 'a', k, T);
        if (!a) return result('stopped');
        const b = await train(starts.get(k)!, masks, round + 1, lmc.sameOrder ? 'a' : 'b', k, T);
        if (!b) return result('stopped');
        emit({ type: 'phase', label: `Interpolating between the two copies from k = ${k}`, done: i + 1, total: ks.length });
        const alphas = interpolationAlphas(lmc.points);
        const line = await interpolate(probe, a, b, alphas, test, control);
        if (!line) return result('stopped');
        const point: LmcPoint = { k, alphas, ...line, barrier: errorBarrier(line.testError) };
        points.push(point);
        emit({ type: 'lmc', point });
        if (control.shouldStopAfterRound && i + 1 < ks.length) return result('stopped after round');
      }
    } finally {
      probe.dispose();
    }
    return result();
  } finally {
    val.dispose();
    test.dispose();
  }
}

