/// <reference types="@webgpu/types" />
/**
 * The GPU rows of `npm run bench -- --gpu`: one model's training step on the
 * active WebGPU backend, lean (the engine's fused kernels) and op by op
 * (tfjs ops only), measured as kernels per step (tf.profile), GPU dispatches
 * per step (compute dispatches actually encoded), ms per step and samples/s.
 * Browser-safe (no Node APIs): the Node driver and bench.html both call it.
 */
import * as tf from '@tensorflow/tfjs';
import { registerWebGPUKernels } from '../engine/backend/webgpu/register';
import { finish, makeBatches, makeBench, median, runSteps, type StepBenchOptions } from './stepTiming';

export interface GpuStepRow {
  model: string;
  batch: number;
  /** lean: the engine's fused kernels; ops: the same step as plain tfjs ops. */
  step: 'lean' | 'ops';
  kernelsPerStep: number;
  dispatchesPerStep: number;
  msPerStep: number;
  samplesPerSec: number;
  /** ms of each timed round (each ends in an awaited read). */
  roundMs: number[];
  tensorsFlat: boolean;
  /** Set when the row was given up (e.g. "exceeded 300 s" on a software adapter); the figures are then NaN. */
  notMeasured?: string;
}

/**
 * `steps: 0`: no separate timed rounds; the profiled step's own time (it ends
 * in an awaited read) is the row's ms/step. For a software adapter, where a
 * Conv-2 step takes minutes: two steps per row (warm-up, profiled) instead of three.
 */
export interface GpuStepOptions { model: string; batch: number; warmupSteps: number; steps: number; rounds: number }

/** A row that was given up, with the reason in place of the figures. */
export function notMeasuredRow(model: string, batch: number, step: GpuStepRow['step'], reason: string): GpuStepRow {
  return { model, batch, step, kernelsPerStep: NaN, dispatchesPerStep: NaN, msPerStep: NaN, samplesPerSec: NaN, roundMs: [], tensorsFlat: true, notMeasured: reason };
}

/** Counts compute dispatches encoded while `f` runs (tfjs's and the engine's own alike). */
async function countDispatches(f: () => Promise<void>): Promise<number> {
  const proto = (globalThis as unknown as { GPUComputePassEncoder?: { prototype: GPUComputePassEncoder } }).GPUComputePassEncoder?.prototype;
  if (!proto) return NaN;
  const original = proto.dispatchWorkgroups;
  let n = 0;
  proto.dispatchWorkgroups = function (this: GPUComputePassEncoder, ...args: Parameters<GPUComputePassEncoder['dispatchWorkgroups']>) {
    n++;
    return original.apply(this, args);
  };
  try {
    await f();
  } finally {
    proto.dispatchWorkgroups = original;
  }
  return n;
}

async function gpuStepRow(step: GpuStepRow['step'], o: GpuStepOptions): Promise<GpuStepRow> {
  registerWebGPUKernels(step === 'lean');
  const opts: StepBenchOptions = { model: o.model, batch: o.batch, density: 0.1, lr: 1.2e-3, warmupSteps: o.warmupSteps, steps: o.steps, rounds: o.rounds, seed: 0 };
  const b = makeBench('masked', opts);
  const data = makeBatches(b.net.model, o.batch, 0, 2);
  const classes = b.net.model.numClasses;
  try {
    await finish(runSteps(b, data, o.warmupSteps, opts.lr, classes));
    // One step, profiled and with its dispatches counted (SwiftShader runs a Conv-2 step in minutes).
    let kernels = 0;
    const profiledFrom = performance.now();
    const dispatches = await countDispatches(async () => {
      const profile = await tf.profile(() => runSteps(b, data, 1, opts.lr, classes) as tf.Scalar);
      kernels = profile.kernels.length;
      await finish(profile.result as tf.Scalar);
    });
    const roundMs: number[] = o.steps > 0 ? [] : [performance.now() - profiledFrom];
    const tensors: number[] = [tf.memory().numTensors];
    for (let r = 0; o.steps > 0 && r < o.rounds; r++) {
      const t0 = performance.now();
      await finish(runSteps(b, data, o.steps, opts.lr, classes));
      roundMs.push((performance.now() - t0) / o.steps);
      tensors.push(tf.memory().numTensors);
    }
    const ms = median(roundMs);
    return {
      model: o.model, batch: o.batch, step, kernelsPerStep: kernels, dispatchesPerStep: dispatches,
      msPerStep: ms, samplesPerSec: (o.batch * 1000) / ms, roundMs, tensorsFlat: tensors.every((n) => n === tensors[0]),
    };
  } finally {
    b.net.dispose();
    registerWebGPUKernels(true);
  }
}

export const GPU_STEPS = ['lean', 'ops'] as const;

/** Every row of the GPU benchmark: each model, lean then op by op (or only `steps`). */
export async function gpuStepRows(models: string[], o: Omit<GpuStepOptions, 'model'>, onRow?: (r: GpuStepRow) => void, steps: readonly GpuStepRow['step'][] = GPU_STEPS): Promise<GpuStepRow[]> {
  const rows: GpuStepRow[] = [];
  for (const model of models) {
    for (const step of steps) {
      const r = await gpuStepRow(step, { ...o, model });
      onRow?.(r);
      rows.push(r);
    }
  }
  return rows;
}

/** Markdown rows: | where | adapter | model | step | kernels | dispatches | ms/step | samples/s |. */
export function gpuRowsMarkdown(where: string, adapter: string, rows: GpuStepRow[]): string[] {
  return rows.map((r) => r.notMeasured
    ? `| ${where} | ${adapter} | ${r.model}, batch ${r.batch} | ${r.step} | not measured: ${r.notMeasured} | | | | |`
    : `| ${where} | ${adapter} | ${r.model}, batch ${r.batch} | ${r.step} | ${r.kernelsPerStep} | ${Number.isFinite(r.dispatchesPerStep) ? r.dispatchesPerStep : 'n/a'} | ${r.msPerStep.toFixed(1)} | ${r.samplesPerSec.toFixed(r.samplesPerSec < 10 ? 2 : 0)} | ${r.tensorsFlat ? 'yes' : 'NO'} |`);
}

export const GPU_TABLE_HEADER = [
  '| where | adapter | model | step | kernels/step | GPU dispatches/step | ms/step | samples/s | tensors flat |',
  '|---|---|---|---|---:|---:|---:|---:|---|',
];
