import * as tf from '@tensorflow/tfjs';
import { initWeights } from '../models/init';
import type { ModelDef } from '../models/model';
import { denseMasks } from '../pruning/masks';
import { SparseNet } from '../train/sparseNet';
import { seedStreams } from '../util/seedStreams';
import type { BackendName, CandidateMeasure } from './info';

/**
 * Backend choice by measurement. Which backend is fastest depends on the
 * model as much as on the machine: a 2-core laptop trains LeNet-300-100
 * faster on WASM than on a software WebGPU adapter, while a conv net on a real
 * GPU wants WebGPU. So the page times a few real training steps of the chosen
 * model on every backend that works and trains on the fastest.
 */

/**
 * The fastest measured candidate, whatever order the chain listed them in.
 * Ties (within 2 %) go to a hardware backend over a software one, then to the
 * chain's order, so a software adapter never wins against an equal or faster
 * alternative.
 */
export function pickFastest(candidates: readonly CandidateMeasure[]): CandidateMeasure | null {
  let best: CandidateMeasure | null = null;
  for (const c of candidates) {
    if (c.error || !(c.samplesPerSec > 0)) continue;
    if (!best) best = c;
    else if (c.samplesPerSec > best.samplesPerSec * 1.02) best = c;
    else if (c.samplesPerSec >= best.samplesPerSec / 1.02 && best.software && !c.software) best = c;
  }
  return best;
}

export interface MeasureBudget {
  /** Stop timing once this many ms have gone by in the timed steps (at least `minSteps` run). */
  timedMs: number;
  minSteps: number;
  maxSteps: number;
  /**
   * The warm-up step (kernel compilation included) may take this long; past it
   * the candidate is abandoned with samples/s = batch / cap, an upper bound. On
   * a software GPU the first LeNet step takes seconds; a real GPU's well under one.
   */
  warmupCapMs: number;
}

export const DEFAULT_BUDGET: MeasureBudget = { timedMs: 250, minSteps: 2, maxSteps: 8, warmupCapMs: 1200 };

/**
 * Steps after the first (compiling) one that are still run untimed: the
 * first few steps after it pay for one-off work too (WASM's thread pool
 * waking, XNNPACK packing weights, the JIT, tfjs's allocator growing). Timed
 * with them, LeNet-300-100 measured 3,673 samples/s at page load and then
 * trained at ~8,700.
 */
export const DISCARDED_STEPS = 2;

/**
 * Samples/s from individually timed steps: up to DISCARDED_STEPS first ones
 * are dropped (never leaving fewer than `keep`: a conv step of a second
 * cannot be spent on warming up), and the rest are summarised by their
 * median, so one step slowed by something else (a GC, the page's own
 * start-up on a shared core) does not drag the figure down as a mean would.
 */
export function samplesPerSecFromSteps(batch: number, stepMs: readonly number[], keep = 2): number {
  const discard = Math.min(DISCARDED_STEPS, Math.max(0, stepMs.length - keep));
  const kept = stepMs.slice(discard).filter((t) => t > 0).sort((a, b) => a - b);
  if (kept.length === 0) return 0;
  const mid = kept.length >> 1;
  const median = kept.length % 2 ? kept[mid] : (kept[mid - 1] + kept[mid]) / 2;
  return (batch * 1000) / median;
}

/**
 * Times the lab's own training step (SparseNet.step: batch upload, forward
 * with W⊙M, backward, masked Adam) on the active backend with random data of
 * the model's input shape. One untimed warm-up step compiles kernels and
 * creates the optimizer slots; of the timed steps the first (up to
 * DISCARDED_STEPS) are dropped and the rest give the median step time
 * (samplesPerSecFromSteps); every step ends in an awaited read so an
 * asynchronous backend cannot hide queued work. Frees every tensor it made.
 */
export async function measureTrainingStep(model: ModelDef, batch: number, budget: MeasureBudget = DEFAULT_BUDGET): Promise<{ samplesPerSec: number; steps: number; capped?: boolean }> {
  const net = new SparseNet(model, initWeights(model, 0), denseMasks(model), { kind: 'adam' });
  const rng = seedStreams.calibration();
  const [h, w, c] = model.inputShape;
  const x = new Float32Array(batch * h * w * c).map(() => rng.normal());
  const y = Int32Array.from({ length: batch }, () => rng.int(model.numClasses));
  const step = async () => {
    const xs = tf.tensor4d(x, [batch, h, w, c]);
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(y, 'int32'), model.numClasses).toFloat()) as tf.Tensor2D;
    const { loss } = net.step(xs, ys, 1e-3);
    tf.dispose([xs, ys]);
    try {
      await loss.data();
    } finally {
      loss.dispose();
    }
  };
  let abandoned = false;
  try {
    // The step cannot be cancelled, only no longer waited for: its tensors are freed when it ends.
    const warm = step();
    const inTime = await Promise.race([warm.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), budget.warmupCapMs))]);
    if (!inTime) {
      abandoned = true;
      void warm.catch(() => undefined).finally(() => net.dispose());
      return { samplesPerSec: (batch * 1000) / budget.warmupCapMs, steps: 0, capped: true };
    }
    // Cheap steps leave room in the budget for the discarded ones; a slow (conv) step does not.
    const t0 = performance.now();
    const times: number[] = [];
    while (times.length < budget.maxSteps + DISCARDED_STEPS && (times.length < budget.minSteps || performance.now() - t0 < budget.timedMs)) {
      const s0 = performance.now();
      await step();
      times.push(performance.now() - s0);
    }
    return { samplesPerSec: samplesPerSecFromSteps(batch, times, budget.minSteps), steps: times.length };
  } finally {
    if (!abandoned) net.dispose();
  }
}

export interface Activated {
  name: BackendName;
  detail: string;
  software: boolean;
}

export interface CalibrationDeps {
  /** Makes `name` the active backend (initialised and probe-checked); throws with the reason it cannot be. */
  activate(name: BackendName): Promise<Activated>;
  /** Times the model's training step on the active backend. */
  measure(): Promise<{ samplesPerSec: number; steps: number }>;
  /**
   * Whether `name` would run on a software adapter, found cheaply before it
   * starts (the WebGPU adapter's info, a WebGL context's renderer string);
   * null when that cannot be told without starting it.
   */
  softwareHint?(name: BackendName): Promise<{ software: boolean; detail: string } | null>;
}

export interface CalibrationOutcome {
  chosen: Activated;
  candidates: CandidateMeasure[];
  rejected: { name: BackendName; reason: string }[];
}

/**
 * Measures the backends of `order` that work and leaves the fastest active.
 * A software GPU adapter (SwiftShader, llvmpipe) emulates the GPU on the same
 * CPU cores WASM uses, and starting one costs seconds of shader compilation
 * (9 s for LeNet's WebGL kernels on SwiftShader); so it is timed only when no
 * hardware path (a real GPU, WASM) could be measured, and is otherwise listed
 * untimed. The CPU backend (plain JavaScript, the floor) is used only when
 * nothing else works. Throws when nothing works at all.
 */
export async function calibrateChain(order: readonly BackendName[], deps: CalibrationDeps): Promise<CalibrationOutcome> {
  const candidates: CandidateMeasure[] = [];
  const rejected: CalibrationOutcome['rejected'] = [];
  const measured: BackendName[] = order.filter((n) => n !== 'cpu');
  const timeOne = async (name: BackendName) => {
    const t0 = performance.now();
    const took = () => Math.round(performance.now() - t0);
    try {
      const a = await deps.activate(name);
      try {
        candidates.push({ ...a, ...(await deps.measure()), ms: took() });
      } catch (e) {
        candidates.push({ ...a, samplesPerSec: 0, steps: 0, error: (e as Error).message, ms: took() });
      }
    } catch (e) {
      rejected.push({ name, reason: (e as Error).message });
    }
  };
  const software: { name: BackendName; detail: string }[] = [];
  for (const name of measured) {
    const hint = await deps.softwareHint?.(name).catch(() => null);
    if (hint?.software) software.push({ name, detail: hint.detail });
    else await timeOne(name);
  }
  if (pickFastest(candidates)) {
    for (const s of software) {
      candidates.push({ ...s, software: true, samplesPerSec: 0, steps: 0, untimed: 'software adapter: it shares the CPU with WASM, and a hardware path was measured' });
    }
  } else {
    for (const s of software) await timeOne(s.name);
  }
  const best = pickFastest(candidates);
  if (best) {
    // Measuring left the last candidate active; switch back to the winner.
    const chosen = await deps.activate(best.name);
    return { chosen, candidates, rejected };
  }
  for (const name of order.filter((n) => !measured.includes(n))) {
    try {
      return { chosen: await deps.activate(name), candidates, rejected };
    } catch (e) {
      rejected.push({ name, reason: (e as Error).message });
    }
  }
  throw new Error(`No TensorFlow.js backend works here: ${rejected.map((r) => `${r.name}: ${r.reason}`).join('; ')}`);
}
