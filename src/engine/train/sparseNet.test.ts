import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/backend';
import { toTensors } from '../experiment/trainRound';
import { Batcher } from '../data/batcher';
import { initWeights } from '../models/init';
import { getModel } from '../models/model';
import { denseMasks, type Masks } from '../pruning/masks';
import { randomMaskLike } from '../pruning/random';
import { syntheticDataset } from '../testing/synthetic';
import { Rng } from '../util/rng';
import { SparseNet } from './sparseNet';
import type { OptimizerKind } from './optimizers';

const ds = syntheticDataset();
const model = getModel('mlp-tiny', ds.inputShape, ds.numClasses);

function halfMasks(seed: number): Masks {
  const dense = denseMasks(model);
  for (const m of Object.values(dense)) m.fill(0, 0, Math.floor(m.length / 2));
  return randomMaskLike(dense, new Rng(seed));
}

async function steps(net: SparseNet, n: number, lr: number) {
  const b = new Batcher(ds, 16, new Rng(1));
  for (let i = 0; i < n; i++) {
    const { x, y } = toTensors(b.next(), 8, 8, 1, ds.numClasses);
    const r = net.step(x, y, lr);
    tf.dispose([x, y, r.loss]);
  }
}

beforeAll(async () => {
  await useNodeBackend('cpu');
});

/** algorithms.md §11 check 5: exact zeros after every step, weights and optimizer state. */
describe('masked training', () => {
  it.each<[OptimizerKind, number]>([['sgd', 0.5], ['momentum', 0.1], ['adam', 0.01]])(
    '%s keeps masked weights and optimizer state exactly zero',
    async (kind, lr) => {
      const masks = halfMasks(2);
      const net = new SparseNet(model, initWeights(model, 3), masks, { kind, weightDecay: 1e-3 });
      const before = await net.readWeights();
      for (let s = 1; s <= 5; s++) {
        await steps(net, 1, lr);
        const w = await net.readWeights();
        for (const name of Object.keys(masks)) {
          const m = masks[name];
          let changed = 0;
          for (let i = 0; i < m.length; i++) {
            if (m[i] === 0 && w[name][i] !== 0) throw new Error(`${kind}: ${name}[${i}] = ${w[name][i]} after step ${s}`);
            if (m[i] === 1 && w[name][i] !== before[name][i]) changed++;
          }
          expect(changed).toBeGreaterThan(0); // surviving weights do train
        }
        for (const [name, slots] of Object.entries(net.optimizer.state())) {
          const m = masks[name];
          if (!m) continue; // biases are never masked
          for (const slot of slots) {
            const v = await slot.data();
            for (let i = 0; i < m.length; i++) if (m[i] === 0 && v[i] !== 0) throw new Error(`${kind}: state of ${name}[${i}] = ${v[i]}`);
          }
        }
      }
      if (kind !== 'sgd') expect(Object.keys(net.optimizer.state()).length).toBeGreaterThan(0);
      net.dispose();
    },
  );

  it('exposes a dense gradient dL/d(W⊙M) that is non-zero at masked positions', async () => {
    const masks = halfMasks(4);
    const net = new SparseNet(model, initWeights(model, 5), masks, { kind: 'sgd' });
    const { x, y } = toTensors(new Batcher(ds, 32, new Rng(2)).next(), 8, 8, 1, ds.numClasses);
    const res = net.step(x, y, 0.1, true);
    const g = await res.denseGrads!['fc1/kernel'].data();
    const m = masks['fc1/kernel'];
    let nonzeroMasked = 0;
    for (let i = 0; i < m.length; i++) if (m[i] === 0 && g[i] !== 0) nonzeroMasked++;
    expect(nonzeroMasked).toBeGreaterThan(m.length / 10);
    tf.dispose([x, y, res.loss, ...Object.values(res.denseGrads!)]);
    net.dispose();
  });

  it('does not leak tensors across steps (after a warm-up step creates the optimizer slots)', async () => {
    const net = new SparseNet(model, initWeights(model, 6), halfMasks(6), { kind: 'adam' });
    await steps(net, 1, 0.01);
    const n0 = tf.memory().numTensors;
    await steps(net, 20, 0.01);
    expect(tf.memory().numTensors).toBe(n0);
    net.setMasks(halfMasks(7));
    net.resetOptimizer();
    await steps(net, 1, 0.01);
    expect(tf.memory().numTensors).toBe(n0);
    net.dispose();
  });
});
