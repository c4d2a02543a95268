/**
 * The lean WebGPU step, on Dawn in Node. Where there is no GPU this runs on
 * Chromium's SwiftShader (a CPU Vulkan: slow, so everything here is tiny);
 * where neither exists the suite is skipped with the reason printed, and CI
 * still passes.
 */
import * as tf from '@tensorflow/tfjs';
import { normaliseConfig } from '../../experiment/normalise';
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../node/backend';
import { installNodeWebGPU } from '../../../node/webgpu';
import { profileStep } from '../../../bench/profileStep';
import { timeSteps } from '../../../bench/stepTiming';
import { Batcher } from '../../data/batcher';
import type { RunConfigInput } from '../../experiment/config';
import { runExperiment } from '../../experiment/runner';
import { toTensors } from '../../experiment/trainRound';
import { initWeights } from '../../models/init';
import { getModel } from '../../models/model';
import { denseMasks, type Masks } from '../../pruning/masks';
import { randomMaskLike } from '../../pruning/random';
import { syntheticDataset } from '../../testing/synthetic';
import type { OptimizerKind } from '../../train/optimizers';
import { SparseNet } from '../../train/sparseNet';
import { Rng } from '../../util/rng';
import { registerWebGPUKernels } from './register';

const gpu = await installNodeWebGPU();
if (!gpu.ok) console.warn(`WebGPU tests skipped: ${gpu.reason}`);
const ds = syntheticDataset();

function halfMasks(model: ReturnType<typeof getModel>, seed: number): Masks {
  const dense = denseMasks(model);
  for (const m of Object.values(dense)) m.fill(0, 0, Math.floor(m.length / 2));
  return randomMaskLike(dense, new Rng(seed));
}

/** `n` steps on fixed batches, with the fused kernels on or off for this net. */
async function train(net: SparseNet, lean: boolean, n: number, lr: number): Promise<void> {
  const b = new Batcher(ds, 16, new Rng(1));
  const [h, w, c] = ds.inputShape;
  for (let i = 0; i < n; i++) {
    registerWebGPUKernels(lean);
    const { x, y } = toTensors(b.next(), h, w, c, ds.numClasses);
    const r = net.step(x, y, lr);
    tf.dispose([x, y, r.loss]);
  }
  registerWebGPUKernels(true);
}

describe.skipIf(!gpu.ok)(`lean WebGPU step (${gpu.ok ? gpu.adapter.label : 'no adapter'})`, () => {
  it.each<[string, OptimizerKind, number]>([
    ['mlp-tiny', 'adam', 0.01], ['mlp-tiny', 'momentum', 0.1], ['mlp-tiny', 'sgd', 0.5], ['conv-tiny', 'adam', 0.01],
  ])('%s with %s: fused kernels train like the op-by-op step, masked weights and state stay exactly zero', async (id, kind, lr) => {
    await useNodeBackend('webgpu');
    const model = getModel(id, ds.inputShape, ds.numClasses);
    const masks = halfMasks(model, 5);
    const theta = initWeights(model, 3);
    const lean = new SparseNet(model, theta, masks, { kind, weightDecay: 1e-3 });
    const ops = new SparseNet(model, theta, masks, { kind, weightDecay: 1e-3 });
    await train(lean, true, 4, lr);
    await train(ops, false, 4, lr);
    const [a, b] = [await lean.readWeights(), await ops.readWeights()];
    for (const name of Object.keys(a)) {
      let worst = 0;
      a[name].forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b[name][i]))));
      expect(worst, `${name}: largest difference between the lean and the op-by-op step`).toBeLessThan(1e-4);
      const m = masks[name];
      if (m) a[name].forEach((v, i) => m[i] === 0 && expect(v).toBe(0));
    }
    for (const [name, slots] of Object.entries(lean.optimizer.state())) {
      const m = masks[name];
      if (m) for (const s of slots) (await s.data()).forEach((v, i) => m[i] === 0 && expect(v).toBe(0));
    }
    lean.dispose();
    ops.dispose();
  });

  it('a LeNet-shaped step launches at most 40 kernels (the op-by-op step: over 150) and keeps tensors flat', async () => {
    await useNodeBackend('webgpu');
    const opts = { model: 'mlp-tiny', batch: 8, steps: 1, rounds: 2, warmupSteps: 1 };
    const lean = await profileStep('masked', opts, 1);
    registerWebGPUKernels(false);
    const ops = await profileStep('masked', opts, 1);
    registerWebGPUKernels(true);
    expect(lean.kernelsPerStep).toBeLessThanOrEqual(40);
    expect(ops.kernelsPerStep).toBeGreaterThan(150);
    expect(lean.kernels.find((k) => k.name === 'SparseLabMaskedUpdate')?.count).toBe(6);
    const [t] = await timeSteps(['masked'], opts);
    expect(t.tensorsFlat).toBe(true);
  });

  it('a tiny IMP experiment on WebGPU ends with exactly the masks of the same run on WASM', async () => {
    const config: RunConfigInput = {
      model: 'mlp-tiny', seed: 7,
      training: { optimizer: 'adam', lr: 0.01, batchSize: 16, iterations: 12, evalEvery: 6 },
      method: { id: 'imp', params: { rounds: 1, rates: { conv: 0.1, fc: 0.5, output: 0.25 } } },
    };
    const run = async () => {
      const masks: Masks[] = [];
      const r = await runExperiment(normaliseConfig(config), ds, { inspect: async ({ phase, net }) => void (phase === 'start' && masks.push(structuredClone(net.masks))) });
      return { masks, acc: r.rounds.map((x) => x.finalTestAcc) };
    };
    await useNodeBackend('wasm');
    const wasm = await run();
    await useNodeBackend('webgpu');
    const webgpu = await run();
    expect(webgpu.masks).toHaveLength(2);
    expect(webgpu.masks).toEqual(wasm.masks);
    webgpu.acc.forEach((a, i) => expect(Math.abs(a - wasm.acc[i])).toBeLessThanOrEqual(0.001));
  });
});
