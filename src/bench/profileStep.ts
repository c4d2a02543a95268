/**
 * Where a training step's time goes: tf.profile over a few of the lab's
 * steps (see stepTiming.ts), kernels counted per step and timed per kernel
 * name. Browser-safe, like stepTiming.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_STEP_BENCH, finish, makeBatches, makeBench, median, runSteps, type StepBenchOptions, type StepVariant } from './stepTiming';

export interface KernelStat {
  name: string;
  count: number;
  /** Median over the profiled steps of the summed kernel time. */
  ms: number;
}

export interface StepProfile {
  variant: StepVariant;
  kernelsPerStep: number;
  kernelMs: number;
  kernels: KernelStat[];
}

/** tf.profile over a few steps: how many kernels one step launches and where the time goes. */
export async function profileStep(variant: StepVariant, opts: Partial<StepBenchOptions> = {}, samples = 5): Promise<StepProfile> {
  const o = { ...DEFAULT_STEP_BENCH, ...opts };
  const b = makeBench(variant, o);
  const data = makeBatches(b.net.model, o.batch, o.seed);
  const per = new Map<string, { count: number; ms: number[] }>();
  let kernelsPerStep = 0;
  try {
    await finish(runSteps(b, data, o.warmupSteps + 5, o.lr, b.net.model.numClasses));
    for (let s = 0; s < samples; s++) {
      const info = await tf.profile(() => runSteps(b, data, 1, o.lr, b.net.model.numClasses) as tf.Scalar);
      tf.dispose(info.result as tf.Tensor);
      kernelsPerStep = info.kernels.length;
      const sums = new Map<string, { count: number; ms: number }>();
      for (const k of info.kernels) {
        const e = sums.get(k.name) ?? { count: 0, ms: 0 };
        e.count += 1;
        e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
        sums.set(k.name, e);
      }
      for (const [name, e] of sums) {
        const acc = per.get(name) ?? { count: e.count, ms: [] };
        acc.ms.push(e.ms);
        per.set(name, acc);
      }
    }
  } finally {
    b.net.dispose();
  }
  const kernels = [...per].map(([name, e]) => ({ name, count: e.count, ms: median(e.ms) })).sort((a, b) => b.ms - a.ms);
  return { variant, kernelsPerStep, kernelMs: kernels.reduce((n, k) => n + k.ms, 0), kernels };
}
