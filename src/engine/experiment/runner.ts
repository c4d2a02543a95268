import * as tf from '@tensorflow/tfjs';
import { Batcher } from '../data/batcher';
import type { Dataset } from '../data/types';
import { getMethod } from '../methods/registry';
import type { PruneContext, ResetKind, SparsityMethod } from '../methods/types';
import { initWeights, type Weights } from '../models/init';
import { getModel } from '../models/model';
import type { ModelDef } from '../models/model';
import { denseMasks, type Masks } from '../pruning/masks';
import { randomMaskLike } from '../pruning/random';
import { SparseNet } from '../train/sparseNet';
import { roundIterations, type ControlKind, type RunConfig } from './config';
import { ignoredSettings } from './ignoredSettings';
import { RunControl } from './control';
import { EvalSet } from './evaluate';
import { assertCheckpointFits } from './checkpoint';
import { LabError } from '../errors';
import type { EmitFn, RoundResult, RunResult, SeriesId } from './events';
import { RunClock } from './runClock';
import { planTrainings, workAfter } from './plan';
import { runId } from './runId';
import { releasePooledMemory } from '../backend/releaseMemory';
import { announceMasks, toTensors, trainRound } from './trainRound';
import { optimizerOf, type Inspector, type RunContext, type RunOptions, type Training } from './runContext';
import { seedStreams, weightDraws } from '../util/seedStreams';
import { runInstability } from './lmc';

export type { RunOptions };

export type { Inspector };

type Method = SparsityMethod<Record<string, unknown>>;

/**
 * Runs one experiment: the method's rounds (IMP: train → prune → reset), and
 * after each pruned round the requested LTH controls trained on that round's
 * mask. Emits events as it goes and resolves with every round's result.
 * `config` is already checked (normaliseConfig at the caller's edge: the
 * worker's start message, the CLI's flags, a sweep cell), so it is not parsed again here.
 */
export async function runExperiment(config: RunConfig, ds: Dataset, opts: RunOptions = {}): Promise<RunResult> {
  if (config.lmc) return runInstability(config, ds, opts);
  const emit: EmitFn = opts.emit ?? (() => {});
  const control = opts.control ?? new RunControl();
  const method = getMethod(config.method.id);
  const params = config.method.params;
  const model = getModel(config.model, ds.inputShape, ds.numClasses);
  const id = runId(config);
  const t0 = performance.now();
  const rounds = method.rounds(params);
  const T = roundIterations(config.training, ds.train.n);
  const k = method.rewindStep?.(params) ?? 0;
  if (k >= T) throw new Error(`Rewind step ${k} must be below the ${T} training iterations`);

  const plan = planTrainings(rounds, T, k, config.training.evalEvery, config.controls);
  const runTotal = plan.reduce((n, p) => n + p.steps, 0);
  emit({ type: 'run-start', runId: id, config, plan });
  const clock = new RunClock(config.training.batchSize);
  const later = (series: SeriesId, round: number) => workAfter(plan, series, round);
  for (const s of ignoredSettings(config, new Set(model.params.map((q) => q.role)))) emit({ type: 'warning', code: 'ignored-setting', message: `${s.path} is ignored: ${s.reason}` });
  if (ds.val.n === 0) {
    emit({ type: 'warning', code: 'no-validation', message: 'No validation set (valSize 0): every example trains, so there is no early stop; "at early stop" figures are the figures at the end of training.' });
  }

  const chunk = opts.slowEvaluation?.chunk;
  const evalDelayMs = opts.slowEvaluation?.delayMs;
  const val = new EvalSet(ds, ds.val, { chunk });
  const test = new EvalSet(ds, ds.test, { chunk });
  const run: RunContext = { config, model, ds, val, test, emit, control, clock, runTotal, inspect: opts.inspect, evalDelayMs };
  const resume = opts.resume;
  if (resume && resume.runId !== id) throw new LabError(`This checkpoint belongs to run ${resume.runId}, not ${id}: the config has changed`);
  if (resume) assertCheckpointFits(model, resume);
  if (resume && resume.nextRound > rounds) throw new LabError(`This checkpoint resumes at round ${resume.nextRound}, but the run has only ${rounds} rounds`);
  if (resume && resume.startStep >= T) throw new LabError(`This checkpoint starts at iteration ${resume.startStep}, past the run's ${T} iterations per round`);
  const results: RoundResult[] = resume ? [...resume.results] : [];
  const result = (stoppedReason?: string): RunResult => ({
    schema: 'sparse-lab/run@1', runId: id, config, backend: tf.getBackend(), startedAt: new Date(Date.now() - (performance.now() - t0)).toISOString(),
    seconds: (performance.now() - t0) / 1000, rounds: results, ...(stoppedReason ? { stoppedReason } : {}),
  });

  let theta0Label = resume?.theta0Label ?? weightDraws.theta0;
  let theta0 = initWeights(model, config.seed, theta0Label, config.init);
  let thetaK: Weights | null = resume?.thetaK ?? null;
  let masks = resume?.masks ?? denseMasks(model);
  let net: SparseNet | null = null;
  let runDone = resume?.runDone ?? 0;
  try {
    if (method.initMasks && !resume) {
      const init = await initialMasks(method, params, model, config, ds, theta0);
      masks = init.masks;
      if (init.redrawWeights) {
        theta0Label = weightDraws.redrawn;
        theta0 = initWeights(model, config.seed, theta0Label, config.init);
      }
    }
    net = new SparseNet(model, resume?.weights ?? theta0, masks, optimizerOf(config));
    let startStep = resume?.startStep ?? 0;
    const firstRound = resume?.nextRound ?? 0;
    announceMasks(emit, 'trunk', firstRound, startStep, resume ? `resumed at round ${firstRound}` : method.initMasks ? `${method.label} at initialisation` : 'dense start', masks);
    for (let r = firstRound; r < rounds; r++) {
      const batcher = dataBatcher(config, ds, startStep);
      await opts.inspect?.({ series: 'trunk', round: r, phase: 'start', net });
      const res = await trainRound(run, {
        net, batcher, series: 'trunk', round: r, startStep, endStep: T, runDone, later: later('trunk', r),
        method: { def: method, params, rng: seedStreams.method(config.seed, method.id, r) },
        snapshotAt: r === 0 && k > 0 ? k : undefined, onSnapshot: (w) => (thetaK = w),
      });
      if (!res) return finish('stopped');
      await opts.inspect?.({ series: 'trunk', round: r, phase: 'end', net });
      runDone += res.steps;
      results.push(res);
      emit({ type: 'round-end', result: res });
      masks = net.masks;

      if (r > 0) {
        for (const c of config.controls) {
          const ctrl = await trainControl(run, c, { round: r, masks, theta0, thetaK, k, T, runDone, later: later(c, r) });
          if (!ctrl) return finish('stopped');
          runDone += ctrl.steps;
          results.push(ctrl);
          emit({ type: 'round-end', result: ctrl });
        }
      }
      if (control.shouldStopAfterRound && r + 1 < rounds) return finish('stopped after round');
      if (r + 1 < rounds) {
        if (!method.afterRound) throw new Error(`Method ${method.id} has ${rounds} rounds but no afterRound`);
        const trained = await net.readWeights();
        const ctx: PruneContext = { model, config, weights: trained, masks, rng: seedStreams.prune(config.seed, r) };
        emit({ type: 'phase', label: `Pruning after round ${r}`, done: r + 1, total: rounds });
        const next = method.afterRound(ctx, params, r);
        net.setMasks(next.masks);
        startStep = applyReset(net, next.reset, { theta0, thetaK, trained, k });
        net.resetOptimizer();
        announceMasks(emit, 'trunk', r + 1, startStep, `prune after round ${r}`, next.masks);
        emit({
          type: 'checkpoint',
          checkpoint: {
            schema: 'sparse-lab/checkpoint@1', runId: id, nextRound: r + 1, startStep, masks: net.masks,
            weights: await net.readWeights(), theta0Label, thetaK, results: [...results], runDone, savedAt: new Date().toISOString(),
          },
        });
      }
    }
    return finish();
  } finally {
    net?.dispose();
    val.dispose();
    test.dispose();
    releasePooledMemory();
  }

  function finish(reason?: string): RunResult {
    const out = result(reason);
    emit({ type: 'run-end', result: out });
    return out;
  }
}

export { optimizerOf };

/** Each round replays the same data order (as open_lth), skipping ahead when rewinding to k. */
function dataBatcher(config: RunConfig, ds: Dataset, startStep: number): Batcher {
  const b = new Batcher(ds, config.training.batchSize, seedStreams.dataOrder(config.seed), config.data.augment, config.training.lastBatch);
  if (startStep > 0) b.skip(startStep);
  return b;
}

/** Sets the survivors' weights for the next round; returns the iteration training resumes at. */
function applyReset(net: SparseNet, reset: ResetKind, w: { theta0: Weights; thetaK: Weights | null; trained: Weights; k: number }): number {
  switch (reset) {
    case 'init':
      net.setWeights(w.theta0);
      return 0;
    case 'rewind':
      if (!w.thetaK) throw new Error('Rewinding needs θk, but it was not recorded');
      net.setWeights(w.thetaK);
      return w.k;
    case 'lr-rewind':
      net.setWeights(w.trained);
      return w.k;
    case 'continue':
      net.setWeights(w.trained);
      return 0;
  }
}

async function initialMasks(method: Method, params: Record<string, unknown>, model: ModelDef, config: RunConfig, ds: Dataset, theta0: Weights) {
  const masks = denseMasks(model);
  let grads: Record<string, Float32Array> | undefined;
  const nb = method.initGradBatches?.(params) ?? 0;
  if (nb > 0) {
    const probe = new SparseNet(model, theta0, masks, optimizerOf(config));
    try {
      const batcher = new Batcher(ds, config.training.batchSize, seedStreams.initBatches(config.seed));
      const [h, w, c] = ds.inputShape;
      const sums: Record<string, tf.Tensor> = {};
      for (let i = 0; i < nb; i++) {
        const { x, y } = toTensors(batcher.next(), h, w, c, ds.numClasses);
        const { loss, grads: g } = probe.lossAndDenseGrads(x, y);
        for (const name of Object.keys(masks)) {
          const prev = sums[name];
          sums[name] = prev ? tf.add(prev, g[name]) : tf.clone(g[name]);
          prev?.dispose();
        }
        tf.dispose([x, y, loss, ...Object.values(g)]);
      }
      grads = {};
      for (const [name, s] of Object.entries(sums)) {
        const mean = tf.div(s, nb);
        grads[name] = (await mean.data()) as Float32Array;
        tf.dispose([s, mean]);
      }
    } finally {
      probe.dispose();
    }
  }
  const ctx: PruneContext = { model, config, weights: theta0, masks, grads, rng: seedStreams.initMask(config.seed) };
  return method.initMasks!(ctx, params);
}

/** Where a control training starts: round r's mask, the weights it may start from, and its place in the run. */
interface ControlStart {
  round: number; masks: Masks; theta0: Weights; thetaK: Weights | null; k: number; T: number;
  runDone: number; later: Training['later'];
}

/**
 * LTH controls on round r's mask: 'reinit' keeps the mask and draws fresh
 * weights from the same distribution; 'random-mask' keeps each layer's count
 * but moves the survivors to random positions, starting from θ0 (θk when rewinding).
 */
async function trainControl(run: RunContext, kind: ControlKind, c: ControlStart): Promise<RoundResult | null> {
  const { config, model } = run;
  const start = c.k > 0 && c.thetaK ? c.thetaK : c.theta0;
  const masks = kind === 'reinit' ? c.masks : randomMaskLike(c.masks, seedStreams.randomMask(config.seed, c.round));
  const weights = kind === 'reinit' ? initWeights(model, config.seed, weightDraws.reinit(c.round), config.init) : start;
  const net = new SparseNet(model, weights, masks, optimizerOf(config));
  try {
    const startStep = kind === 'reinit' ? 0 : c.k;
    await run.inspect?.({ series: kind, round: c.round, phase: 'start', net });
    const res = await trainRound(run, {
      net, batcher: dataBatcher(config, run.ds, startStep), series: kind, round: c.round, startStep, endStep: c.T, runDone: c.runDone, later: c.later,
    });
    if (res) await run.inspect?.({ series: kind, round: c.round, phase: 'end', net });
    return res;
  } finally {
    net.dispose();
  }
}
