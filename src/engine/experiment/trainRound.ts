import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../data/batcher';
import type { TrainingContext } from '../methods/types';
import { collapsedLayers, layerDensities, overallDensity } from '../pruning/masks';
import { lrAt } from './config';
import type { EmitFn, EvalPoint, MaskTracePoint, RoundResult, SeriesId } from './events';
import type { Masks } from '../pruning/masks';
import { evalsIn } from './runClock';
import { releasePooledMemory } from '../backend/releaseMemory';
import { LossMeter } from './lossMeter';
import type { RunContext, Training } from './runContext';


/** Start a loss read (for the progress line) at most this often. */
const REPORT_MS = 250;

/**
 * Trains one round: steps from startStep to endStep, evaluating every
 * `evalEvery` iterations, applying in-training mask updates, and recording
 * the LTH early-stop iteration (minimum validation loss).
 */
export async function trainRound(run: RunContext, tr: Training): Promise<RoundResult | null> {
  const { config, emit, control } = run;
  const { net, batcher } = tr;
  const t = config.training;
  const [h, w, c] = run.ds.inputShape;
  const curve: EvalPoint[] = [];
  const started = performance.now();
  let lastReport = started;
  let lastRequest = started;
  const loss = new LossMeter();
  let stepsDone = 0;
  const every = tr.method?.def.updateEvery?.(tr.method.params, tr.endStep) ?? 0;
  const trace: MaskTracePoint[] = [];
  if (every > 0 && tr.method?.def.updateMasks) trace.push(tracePoint(tr.startStep, net.masks, null));

  const evalPass = run.val.size + run.test.size;
  /** Start of the training time not yet handed to the clock (pauses and evaluations are moved out of it). */
  let mark = started;
  let stepsSinceMark = 0;
  let meanLoss = NaN;
  const report = (done: number, lr: number, evaluating?: { done: number; total: number }) => {
    const left = (evaluating ? evaluating.total - evaluating.done : 0) + evalsIn(done, tr.endStep, t.evalEvery) * evalPass;
    const roundSecondsLeft = run.clock.secondsFor(tr.endStep - done, left);
    const laterSeconds = run.clock.secondsFor(tr.later.steps, tr.later.evals * evalPass);
    emit({
      type: 'progress', series: tr.series, round: tr.round, step: done, roundSteps: tr.endStep, loss: meanLoss, lr,
      samplesPerSec: run.clock.samplesPerSec, evalImagesPerSec: run.clock.imagesPerSec,
      runDone: tr.runDone + stepsDone, runTotal: run.runTotal,
      ...(evaluating ? { evaluating } : {}),
      ...(roundSecondsLeft !== undefined ? { roundSecondsLeft } : {}),
      ...(roundSecondsLeft !== undefined && laterSeconds !== undefined ? { runSecondsLeft: roundSecondsLeft + laterSeconds } : {}),
    });
  };

  try {
    const snapAt = (s: number) => (Array.isArray(tr.snapshotAt) ? tr.snapshotAt.includes(s) : tr.snapshotAt === s);
    if (snapAt(tr.startStep) && tr.onSnapshot) tr.onSnapshot(await net.readWeights(), tr.startStep);
    for (let step = tr.startStep; step < tr.endStep; step++) {
      const waitFrom = performance.now();
      await control.gate();
      mark += performance.now() - waitFrom;
      if (control.shouldStop) return null;
      const batch = batcher.next();
      const lr = lrAt(t, step);
      const wantGrads = every > 0 && (step + 1) % every === 0;
      const { x, y } = toTensors(batch, h, w, c, run.ds.numClasses);
      const res = net.step(x, y, lr, wantGrads);
      x.dispose();
      y.dispose();
      loss.add(res.loss);
      res.loss.dispose();
      stepsDone++;
      stepsSinceMark++;
      const done = step + 1;

      if (wantGrads && res.denseGrads && tr.method?.def.updateMasks) {
        const point = await applyMaskUpdate(run, tr, done, res.denseGrads);
        if (point) trace.push(point);
      } else if (res.denseGrads) {
        Object.values(res.denseGrads).forEach((g) => g.dispose());
      }
      if (snapAt(done) && tr.onSnapshot) tr.onSnapshot(await net.readWeights(), done);

      const isEval = done % t.evalEvery === 0 || done === tr.endStep;
      // While paused, every step is one the user asked for ("step one batch"): report each.
      const blocking = isEval || control.isPaused;
      const reading = blocking ? null : loss.take();
      if (blocking) {
        meanLoss = await loss.mean();
        // The read waited for the queued steps, so now the clock sees their real cost.
        lastReport = performance.now();
        run.clock.recordTraining(stepsSinceMark, (lastReport - mark) / 1000);
        stepsSinceMark = 0;
      } else if (reading) {
        // The read completed once the steps before it had run: their cost, not the ones queued since.
        meanLoss = reading.mean;
        run.clock.recordTraining(reading.steps, Math.max(0, reading.at - mark) / 1000);
        stepsSinceMark -= reading.steps;
        mark = Math.max(mark, reading.at);
        lastReport = performance.now();
      }
      if (!blocking && !loss.reading && performance.now() - lastRequest > REPORT_MS) {
        lastRequest = performance.now();
        loss.request(stepsSinceMark);
      }
      if (blocking || reading) {
        if (!Number.isFinite(meanLoss)) {
          emit({
            type: 'warning', code: 'diverged',
            message: `Training diverged: the loss is ${meanLoss} at iteration ${done} of round ${tr.round} (${tr.series}). Try a lower learning rate (now ${lr}).`,
          });
          const pausedFrom = performance.now();
          control.pause();
          await control.gate();
          mark += performance.now() - pausedFrom;
          if (control.shouldStop) return null;
        }
        report(done, lr);
        if (blocking) mark = performance.now();
        if (isEval) {
          // Reported at most every REPORT_MS, like training: MNIST's chunks take milliseconds each.
          const scores = await evaluateBoth(run, tr, (evaluating) => {
            const t = performance.now();
            if (t - lastReport < REPORT_MS) return;
            lastReport = t;
            report(done, lr, evaluating);
          });
          releasePooledMemory();
          mark = performance.now();
          if (!scores) return null;
          const [v, te] = scores;
          const point: EvalPoint = { step: done, trainLoss: meanLoss, valLoss: v.loss, valAcc: v.acc, testLoss: te.loss, testAcc: te.acc };
          curve.push(point);
          emit({ type: 'eval', series: tr.series, round: tr.round, point });
          loss.reset();
        }
      }
    }
  } finally {
    loss.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  return { ...summarise(run, tr, curve, stepsDone, seconds), ...(trace.length > 0 ? { maskTrace: trace } : {}) };
}

/**
 * Validation then test, chunk by chunk: each chunk feeds the clock and a
 * progress report ("evaluating 4,000/15,000"), and a stop between chunks ends
 * the evaluation (null) instead of waiting for a pass that may take a minute.
 */
async function evaluateBoth(run: RunContext, tr: Training, onProgress: (evaluating: { done: number; total: number }) => void) {
  const total = run.val.size + run.test.size;
  const scores = [];
  let offset = 0;
  for (const set of [run.val, run.test]) {
    const s = await set.evaluate(tr.net, {
      control: run.control, delayMs: run.evalDelayMs,
      onChunk: (c) => {
        run.clock.recordEvaluation(c.images, c.seconds);
        onProgress({ done: offset + c.done, total });
      },
    });
    if (!s) return null;
    scores.push(s);
    offset += set.size;
  }
  return scores;
}

/** Density per layer after an update, and the share of survivors that were inactive before it (regrown). */
export function tracePoint(step: number, masks: Masks, before: Masks | null): MaskTracePoint {
  let alive = 0;
  let regrown = 0;
  for (const [name, m] of Object.entries(masks)) {
    const prev = before?.[name];
    for (let i = 0; i < m.length; i++) {
      if (!m[i]) continue;
      alive++;
      if (prev && !prev[i]) regrown++;
    }
  }
  return { step, density: overallDensity(masks), layers: layerDensities(masks).map((l) => l.density), regrown: alive > 0 ? regrown / alive : 0 };
}

async function applyMaskUpdate(run: RunContext, tr: Training, step: number, gradTensors: Record<string, tf.Tensor>): Promise<MaskTracePoint | null> {
  const grads: Record<string, Float32Array> = {};
  for (const [name, g] of Object.entries(gradTensors)) {
    grads[name] = (await g.data()) as Float32Array;
    g.dispose();
  }
  const m = tr.method!;
  const ctx: TrainingContext = {
    model: tr.net.model, config: run.config, weights: await tr.net.readWeights(), masks: tr.net.masks,
    grads, rng: m.rng, step, totalSteps: tr.endStep,
  };
  const next = m.def.updateMasks!(ctx, m.params);
  if (!next) return null;
  const point = tracePoint(step, next, ctx.masks);
  tr.net.setMasks(next);
  announceMasks(run.emit, tr.series, tr.round, step, `${m.def.label} update`, next, point);
  return point;
}

/** Emits a mask change, and a warning if any layer lost every weight. */
export function announceMasks(emit: EmitFn, series: SeriesId, round: number, step: number, reason: string, masks: Masks, trace?: MaskTracePoint): void {
  emit({ type: 'masks', series, round, step, reason, density: overallDensity(masks), layers: layerDensities(masks), ...(trace ? { trace } : {}) });
  const empty = collapsedLayers(masks);
  if (empty.length > 0) {
    emit({
      type: 'warning', code: 'layer-collapse',
      message: `Layer collapse: ${empty.join(', ')} ${empty.length === 1 ? 'has' : 'have'} no weights left, so the network cannot learn (accuracy falls to chance). Use ERK or layer-wise pruning, or a higher density.`,
    });
  }
}

export function toTensors(batch: Batch, h: number, w: number, c: number, classes: number): { x: tf.Tensor4D; y: tf.Tensor2D } {
  return tf.tidy(() => ({
    x: tf.tensor4d(batch.x, [batch.size, h, w, c]),
    y: tf.oneHot(tf.tensor1d(Int32Array.from(batch.y), 'int32'), classes).toFloat() as tf.Tensor2D,
  }));
}

function summarise(run: RunContext, tr: Training, curve: EvalPoint[], steps: number, seconds: number): RoundResult {
  const last = curve[curve.length - 1];
  // Without a validation set (valSize 0) there is no early stop: report the end of training.
  let best = curve.some((p) => Number.isFinite(p.valLoss)) ? curve[0] : last;
  for (const p of curve) if (p.valLoss < best.valLoss) best = p;
  return {
    series: tr.series, round: tr.round,
    density: overallDensity(tr.net.masks), layers: layerDensities(tr.net.masks),
    earlyStopStep: best?.step ?? 0, earlyStopValAcc: best?.valAcc ?? NaN, earlyStopTestAcc: best?.testAcc ?? NaN,
    finalTestAcc: last?.testAcc ?? NaN, finalValAcc: last?.valAcc ?? NaN,
    curve, steps, seconds, samplesPerSec: (steps * run.config.training.batchSize) / Math.max(seconds, 1e-6),
  };
}
