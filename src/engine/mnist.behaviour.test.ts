import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseConfig } from './experiment/normalise';
import { useNodeBackend } from '../node/backend';
import { diskReader } from '../node/files';
import { loadDataset } from './data/registry';
import type { Dataset } from './data/types';
import { runExperiment } from './experiment/runner';

/** Behaviour on real MNIST (prepared by `npm install` into public/data/mnist). */
let ds: Dataset;
beforeAll(async () => {
  await useNodeBackend('wasm');
  ds = await loadDataset('mnist', diskReader());
});

describe('real MNIST', () => {
  it('has the real 55k / 5k / 10k split', () => {
    expect([ds.train.n, ds.val.n, ds.test.n]).toEqual([55_000, 5_000, 10_000]);
    const counts = new Array(10).fill(0);
    for (const y of ds.test.y) counts[y]++;
    expect(counts).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it('dense LeNet-300-100 reaches ≥ 95 % test accuracy within one epoch (Adam 1.2e-3, batch 60)', async () => {
    const result = await runExperiment(normaliseConfig(
      {
        model: 'lenet300', seed: 0,
        training: { optimizer: 'adam', lr: 1.2e-3, batchSize: 60, iterations: Math.floor(55_000 / 60), evalEvery: 458 },
        method: { id: 'dense', params: {} },
      }),
      ds,
    );
    const acc = result.rounds[0].finalTestAcc;
    console.log(`dense LeNet-300-100 after one epoch: test accuracy ${(acc * 100).toFixed(2)} %, ${Math.round(result.rounds[0].samplesPerSec)} samples/s`);
    expect(acc).toBeGreaterThanOrEqual(0.95);
  }, 180_000);
});
