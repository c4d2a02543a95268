import { findDataset } from '../data/registry';
import { findMethod } from '../methods/registry';
import { architectures, layerCosts, type Shape } from '../models/architectures';
import type { ModelClass } from '../backend/info';
import { ownEntry } from '../util/ownKeys';
import type { RunConfig } from './config';
import { evalChunkSize } from './evalBudget';
import { denseEquivalent, type DensityWork, type TrainingRoute } from './sparseSpeed';

/**
 * How big a run is before it starts: trainings, iterations, samples, FLOPs
 * and the peak memory each backend needs. Pure and tfjs-free, so the page
 * shows it under Start for any config (a shared link's too) and the CLI
 * refuses a run that cannot fit before loading data. A link once started
 * 1,210,000,000 iterations without a click; a Conv-6 × batch-4096 link took a
 * tab from 1 to 5.4 GB and ended in "memory access out of bounds".
 */
export type BackendKind = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_KINDS: readonly BackendKind[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * What one backend can hold, in bytes. WASM is a 32-bit heap: tfjs grows it
 * up to 4 GB and past that a run ends in "memory access out of bounds". GPU
 * memory is unknown to the page; 4 GB is what a discrete or unified-memory
 * GPU lends a tab. The CPU backend lives in the JS heap (~4 GB per tab).
 * The estimate below is a model of what the run allocates, not a
 * measurement; these limits are there to refuse the hopeless, not the tight.
 */
export const MEMORY_LIMIT_BYTES: Record<BackendKind, number> = {
  webgpu: 4 * 2 ** 30,
  webgl: 4 * 2 ** 30,
  wasm: 4 * 2 ** 30,
  cpu: 4 * 2 ** 30,
};

/** Above these a Start asks first: a long or memory-hungry job should never start by accident. */
export const CONFIRM_SECONDS = 30 * 60;
export const CONFIRM_BYTES = 1e9;

/** Training FLOPs per second a slow device manages (2 WASM threads on an old laptop): the time shown before calibration. */
export const CONSERVATIVE_FLOPS_PER_SEC = 5e9;

const TEST_EXAMPLES = 10_000;

export interface JobSize {
  /** Networks trained: every round of the method, plus each control at every pruned round. */
  networks: number;
  iterations: number;
  /** Training examples seen (iterations × batch size). */
  samples: number;
  /** Examples evaluated (validation + test at every evaluation point). */
  evalSamples: number;
  parameters: number;
  /** Forward+backward FLOPs of one training example. */
  trainFlopsPerSample: number;
  /** FLOPs of the whole job, training and evaluation. */
  flops: number;
  /** Estimated peak bytes the run needs on each backend. */
  memory: Record<BackendKind, number>;
  /** Training and evaluation at each density the job trains at: sparse rounds cost less on WASM's sparse kernels. */
  work: DensityWork[];
  modelClass: ModelClass;
}

/** Points per round at which a method's density is read (gradual methods prune while training). */
const DENSITY_SAMPLES = 8;

/** Adds work at a density to a list kept one entry per density. */
function addWork(list: DensityWork[], w: DensityWork): void {
  const same = list.find((x) => x.density === w.density);
  if (same) {
    same.samples += w.samples;
    same.evalSamples += w.evalSamples;
  } else list.push({ ...w });
}

/** The plan's size for a normalised config; null when its model or dataset is not one this build knows. */
export function jobSize(config: RunConfig): JobSize | null {
  const arch = ownEntry(architectures, config.model);
  const dataset = findDataset(config.data.dataset);
  const method = findMethod(config.method.id);
  if (!arch || !dataset || !method) return null;
  const p = config.method.params;
  const rounds = method.rounds(p);
  const T = config.training.iterations;
  const k = method.rewindStep?.(p) ?? 0;
  let networks = 0;
  let iterations = 0;
  let evals = 0;
  const batch = config.training.batchSize;
  const evalPerPoint = config.data.valSize + (config.data.testSubset ?? TEST_EXAMPLES);
  const work: DensityWork[] = [];
  for (let r = 0; r < rounds; r++) {
    const copies = r === 0 ? 1 : 1 + config.controls.length;
    const steps = r === 0 ? T : Math.max(0, T - k);
    const roundEvals = copies * Math.ceil(steps / config.training.evalEvery);
    networks += copies;
    iterations += copies * steps;
    evals += roundEvals;
    // The controls train at the trunk's density (same mask, or a random one as dense).
    for (let i = 0; i < DENSITY_SAMPLES; i++) {
      const density = method.densityAt?.(p, r, (i + 0.5) / DENSITY_SAMPLES) ?? 1;
      addWork(work, { density, samples: (copies * steps * batch) / DENSITY_SAMPLES, evalSamples: (roundEvals * evalPerPoint) / DENSITY_SAMPLES });
    }
  }
  const input = dataset.meta.inputShape as Shape;
  const layers = layerCosts(arch.arch, input, dataset.meta.numClasses);
  const parameters = layers.reduce((n, l) => n + l.params, 0);
  const macs = layers.reduce((n, l) => n + l.macs, 0);
  // Backprop costs about twice the forward pass; a multiply-add is two FLOPs.
  const trainFlopsPerSample = 2 * 3 * macs;
  const evalSamples = evals * evalPerPoint;
  const samples = iterations * batch;
  return {
    networks, iterations, samples, evalSamples, parameters, trainFlopsPerSample,
    flops: samples * trainFlopsPerSample + evalSamples * 2 * macs,
    memory: peakMemory(layers, parameters, batch, evalPerPoint, input, 2 * macs),
    work, modelClass: arch.arch.kind,
  };
}

function peakMemory(layers: ReturnType<typeof layerCosts>, parameters: number, batch: number, evalExamples: number, input: Shape, forwardFlops: number): Record<BackendKind, number> {
  const F = 4;
  const pixels = input[0] * input[1] * input[2];
  const outputs = layers.reduce((n, l) => n + l.outputs, 0);
  // Weights, masks, masked weights, gradients and Adam's two moments on the backend;
  // θ0, θk, masks and a checkpoint copy on the CPU side.
  const params = parameters * F * (6 + 4);
  // Activations and their gradients (pre- and post-ReLU) for the training batch, plus the batch itself.
  const train = batch * (outputs * 4 + pixels * 2) * F;
  // Evaluation uploads one chunk at a time (its size budgeted per backend, evalBudget.ts) and runs it forward.
  const perImage = (outputs * 2 + pixels) * F;
  const evalPass = (b: BackendKind) => Math.min(evalChunkSize({ forwardFlops }, perImage, b), evalExamples) * perImage;
  // WASM's conv gradient kernels build the im2col patch matrix of the biggest layer for the whole batch.
  const im2col = batch * Math.max(0, ...layers.map((l) => l.patches)) * F;
  // Training and evaluation alternate: the peak is the larger of the two on top of the parameters.
  const peak = (b: BackendKind, extra = 0) => params + Math.max(train + extra, evalPass(b));
  return { webgpu: peak('webgpu'), webgl: peak('webgl'), wasm: peak('wasm', im2col), cpu: peak('cpu') };
}

/** 1.2 GB, 340 MB: what the size line and the refusal show. */
export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${Math.round(n / 1e6)} MB`;
  return `${Math.max(1, Math.round(n / 1e3))} kB`;
}

/** Null when the run fits the backend; else why not, with the number (for the panel and the CLI). */
export function memoryRefusal(size: JobSize, backend: BackendKind, modelLabel: string, batch: number): string | null {
  const need = size.memory[backend];
  const limit = MEMORY_LIMIT_BYTES[backend];
  if (need <= limit) return null;
  return `This run needs about ${formatBytes(need)} on ${backend} (${modelLabel} × batch ${batch}); ${backend} can hold about ${formatBytes(limit)} — lower the batch size or choose a smaller model`;
}

export const isBackendKind = (x: unknown): x is BackendKind => typeof x === 'string' && (BACKEND_KINDS as readonly string[]).includes(x);

export interface TimeEstimate {
  seconds: number;
  /** 'measured': from samples/s this device reached; 'conservative': a slow device's FLOP rate, until calibrated. */
  basis: 'measured' | 'conservative';
}

/**
 * Expected wall time: from a measured dense training rate, each density's work priced at its step cost on
 * `sparseKernels` (the sparse route; false or absent: every density trains as fast as dense), evaluation
 * forward only (~1/3 the cost); else the conservative rate.
 */
export function expectedTime(size: JobSize, denseSamplesPerSec: number | null, sparseKernels = false): TimeEstimate {
  if (denseSamplesPerSec !== null && Number.isFinite(denseSamplesPerSec) && denseSamplesPerSec > 0) {
    const w = denseEquivalent(size.work, routeOf(size, sparseKernels));
    return { seconds: (w.samples + w.evalSamples / 3) / denseSamplesPerSec, basis: 'measured' };
  }
  return { seconds: size.flops / CONSERVATIVE_FLOPS_PER_SEC, basis: 'conservative' };
}

/** The route a job of this size takes; null when the sparse kernels do not run (the estimate then prices every density as dense). */
export const routeOf = (size: Pick<JobSize, 'modelClass'>, sparseKernels: boolean): TrainingRoute | null => (sparseKernels ? { modelClass: size.modelClass, sparseKernels } : null);

/** Why Start should ask first (a long or memory-hungry job), or null. */
export function confirmationReason(size: JobSize, time: TimeEstimate, backend: BackendKind): string | null {
  const long = time.seconds > CONFIRM_SECONDS;
  const big = size.memory[backend] > CONFIRM_BYTES;
  if (!long && !big) return null;
  const parts = [
    ...(long ? [`about ${formatDuration(time.seconds)}${time.basis === 'conservative' ? ' on a slow device (not calibrated yet)' : ''}`] : []),
    ...(big ? [`about ${formatBytes(size.memory[backend])} of memory on ${backend}`] : []),
  ];
  return `This experiment trains ${size.networks.toLocaleString('en-US')} network${size.networks === 1 ? '' : 's'} for ${size.iterations.toLocaleString('en-US')} iterations and needs ${parts.join(' and ')}.`;
}

/** "45 s", "12 min", "3.5 h", "12 days". */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${Math.round(seconds / 86400).toLocaleString('en-US')} days`;
}

/** Runs one after another (a comparison): counts and FLOPs add up, memory is the largest single run's. */
export function combineJobSizes(sizes: JobSize[]): JobSize | null {
  if (sizes.length === 0) return null;
  const sum = (f: (s: JobSize) => number) => sizes.reduce((n, s) => n + f(s), 0);
  const work: DensityWork[] = [];
  for (const s of sizes) for (const w of s.work) addWork(work, w);
  const memory = Object.fromEntries(BACKEND_KINDS.map((b) => [b, Math.max(...sizes.map((s) => s.memory[b]))])) as Record<BackendKind, number>;
  return {
    networks: sum((s) => s.networks), iterations: sum((s) => s.iterations), samples: sum((s) => s.samples), evalSamples: sum((s) => s.evalSamples),
    parameters: Math.max(...sizes.map((s) => s.parameters)), trainFlopsPerSample: Math.max(...sizes.map((s) => s.trainFlopsPerSample)),
    flops: sum((s) => s.flops), memory, work, modelClass: sizes[0].modelClass,
  };
}
