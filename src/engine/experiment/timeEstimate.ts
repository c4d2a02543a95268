import { getMethod } from '../methods/registry';
import { getModelSpec } from '../models/registry';
import type { ModelSpec } from '../models/types';
import type { Preset } from '../presets';
import { CompareSpecSchema, planComparison } from './compare';
import { roundIterations, type RunConfig } from './config';
import { normaliseConfig } from './normalise';
import { instabilityPlan, planTrainings } from './plan';

/**
 * How long a run takes before it starts: its work (training steps, evaluated
 * images) priced at a backend's measured speed. The page's pre-Start job size
 * and every preset's stated time come from here; once a run starts, its own
 * RunClock measures the device it is really on.
 */
export interface Speed {
  /** Seconds per training step at batch 60 (forward, backward, masked Adam). */
  stepSeconds: number;
  /** Seconds per evaluated image (forward only, in evaluation chunks). */
  evalSecondsPerImage: number;
}

/**
 * Measured on this project's 2-core AMD EPYC, WASM with 1 thread (as the page
 * runs it today): Conv-2 from the page at full CIFAR-10 size (0.68–0.78 s a
 * step, 10,000 test images in 31–34 s; issue #17), LeNet-300-100 from the quick
 * lottery-ticket preset's 80 s and `npm run bench` (4.3 ms a step); Conv-4 and
 * Conv-6 scaled from Conv-2 by their CPU-time ratios in `npm run
 * bench:model-speed` (step ×1.63 / ×2.48, evaluation ×1.55 / ×2.76).
 */
export const MEASURED_SPEED: Readonly<Record<string, Readonly<Record<string, Speed>>>> = {
  wasm: {
    lenet300: { stepSeconds: 0.0043, evalSecondsPerImage: 0.017e-3 },
    conv2: { stepSeconds: 0.73, evalSecondsPerImage: 3.2e-3 },
    conv4: { stepSeconds: 1.19, evalSecondsPerImage: 5.0e-3 },
    conv6: { stepSeconds: 1.81, evalSecondsPerImage: 8.8e-3 },
  },
};

/** Conv-2's WASM throughput (FLOP/s), for models without a measurement: training counts 3 passes, evaluation one. */
const WASM_FLOPS = { train: (60 * 3 * 87.6e6) / 0.73, eval: 87.6e6 / 3.2e-3 };
/** tfjs's plain-JS CPU backend against WASM on the same step (`npm run bench`: 227 vs 12,398 samples/s). */
const CPU_SLOWDOWN = 55;
/** Below this a step is bookkeeping, not arithmetic (LeNet-300-100's 4.3 ms is mostly overhead). */
const MIN_STEP_SECONDS = 0.002;

/** The speed of `model` on `backend`, measured or derived from WASM's; null where nothing was measured (GPUs: too varied). */
export function speedFor(model: Pick<ModelSpec, 'id' | 'forwardFlops'>, backend: string): Speed | null {
  const wasm = MEASURED_SPEED.wasm[model.id] ?? {
    stepSeconds: Math.max(MIN_STEP_SECONDS, (60 * 3 * model.forwardFlops) / WASM_FLOPS.train),
    evalSecondsPerImage: model.forwardFlops / WASM_FLOPS.eval,
  };
  if (backend === 'wasm') return wasm;
  if (backend === 'cpu') return { stepSeconds: wasm.stepSeconds * CPU_SLOWDOWN, evalSecondsPerImage: wasm.evalSecondsPerImage * CPU_SLOWDOWN };
  return null;
}

/** Test and training images of each dataset as distributed (before --test-subset / --train-subset and the validation split). */
const TEST_IMAGES: Record<string, number> = { mnist: 10_000, cifar10: 10_000 };
const TRAIN_IMAGES: Record<string, number> = { mnist: 60_000, cifar10: 50_000 };

export interface Work {
  steps: number;
  evalImages: number;
}

/** Training steps and evaluated images of one run, from its config alone. */
export function runWork(configInput: unknown): Work {
  const config: RunConfig = normaliseConfig(configInput);
  const method = getMethod(config.method.id);
  const params = config.method.params;
  const t = config.training;
  // With --epochs the iterations per round follow from the training split (the config's own `iterations` is then unused).
  const trainN = Math.min(config.data.trainSubset ?? Infinity, (TRAIN_IMAGES[config.data.dataset] ?? 50_000) - config.data.valSize);
  const T = roundIterations(t, trainN);
  const plan = config.lmc
    ? instabilityPlan(config.lmc, T, t.evalEvery)
    : planTrainings(method.rounds(params), T, method.rewindStep?.(params) ?? 0, t.evalEvery, config.controls);
  const full = TEST_IMAGES[config.data.dataset] ?? 10_000;
  const testImages = Math.min(config.data.testSubset ?? full, full);
  // An instability analysis also evaluates the test set at every point of every interpolation line.
  const lineEvals = config.lmc ? new Set(config.lmc.ks).size * config.lmc.points : 0;
  return {
    steps: plan.reduce((n, p) => n + p.steps, 0),
    evalImages: plan.reduce((n, p) => n + p.evals, 0) * (config.data.valSize + testImages) + lineEvals * testImages,
  };
}

export interface PricedWork extends Work {
  trainSeconds: number;
  evalSeconds: number;
  seconds: number;
}

/** Seconds for `work` with this model and batch size on `backend`; null where the backend has no measured speed. */
export function priceWork(work: Work, model: Pick<ModelSpec, 'id' | 'forwardFlops'>, batchSize: number, backend: string): PricedWork | null {
  const s = speedFor(model, backend);
  if (!s) return null;
  const trainSeconds = work.steps * Math.max(MIN_STEP_SECONDS, (s.stepSeconds * batchSize) / 60);
  const evalSeconds = work.evalImages * s.evalSecondsPerImage;
  return { ...work, trainSeconds, evalSeconds, seconds: trainSeconds + evalSeconds };
}

/** Expected time of a run (one config) on `backend`. */
export function estimateRun(configInput: unknown, backend = 'wasm'): PricedWork | null {
  const config = normaliseConfig(configInput);
  const model = getModelSpec(config.model, config.data.dataset === 'cifar10' ? [32, 32, 3] : [28, 28, 1]);
  return priceWork(runWork(config), model, config.training.batchSize, backend);
}

/** Expected time of a preset on `backend`: its run, or every run of its comparison grid. */
export function estimatePreset(p: Pick<Preset, 'config' | 'compare'>, backend = 'wasm'): PricedWork | null {
  if (!p.compare) return estimateRun(p.config, backend);
  // As the CLI's compare: the preset's model, data and training; each grid entry brings its own method.
  const { method: _m, controls: _c, ...base } = p.config;
  const spec = CompareSpecSchema.parse({
    base, methods: p.compare.methods, densities: p.compare.densities,
    seeds: Array.from({ length: p.compare.seeds }, (_, i) => i), params: p.compare.params ?? {},
  });
  let total: PricedWork | null = { steps: 0, evalImages: 0, trainSeconds: 0, evalSeconds: 0, seconds: 0 };
  for (const run of planComparison(spec)) {
    const e = estimateRun(run.config, backend);
    total = e && total && {
      steps: total.steps + e.steps, evalImages: total.evalImages + e.evalImages,
      trainSeconds: total.trainSeconds + e.trainSeconds, evalSeconds: total.evalSeconds + e.evalSeconds, seconds: total.seconds + e.seconds,
    };
  }
  return total;
}
