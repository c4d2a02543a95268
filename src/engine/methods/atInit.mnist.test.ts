import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/backend';
import { diskReader } from '../../node/files';
import { loadDataset } from '../data/registry';
import type { Dataset } from '../data/types';
import { runComparison } from '../sweep/comparison';
import { getModel } from '../models/model';
import { nnz } from '../pruning/masks';
import { Rng } from '../util/rng';
import { randomSparseMasks } from './random';

/**
 * Pruning at initialisation on real MNIST at 2 % density, on a short budget
 * (200 iterations, 2 seeds): algorithms.md §11 checks 24 and 26, qualitatively.
 */
let ds: Dataset;
beforeAll(async () => {
  await useNodeBackend('wasm');
  ds = await loadDataset('mnist', diskReader(), { valSize: 2000, splitSeed: 0, testSubset: 2000 });
});

describe('pruning at init on LeNet-300-100 at 2 % density', () => {
  it('uniform leaves the 1,000-weight output layer ≤ 20 weights; ERK keeps it ~18× fuller', () => {
    const model = getModel('lenet300');
    const uniform = randomSparseMasks(model, 'uniform', 0.02, new Rng(0));
    const erk = randomSparseMasks(model, 'erk', 0.02, new Rng(0));
    expect(nnz(uniform['out/kernel'])).toBeLessThanOrEqual(20);
    // ERK at D = 0.02 gives the output layer density 0.367 (algorithms.md §5 table); at D ≥ 0.1 it is fully dense.
    expect(nnz(erk['out/kernel'])).toBeGreaterThanOrEqual(360);
    expect(nnz(randomSparseMasks(model, 'erk', 0.1, new Rng(0))['out/kernel'])).toBe(1000);
  });

  it('SNIP and random ERK beat random uniform (mean of 2 seeds)', async () => {
    const result = await runComparison(
      {
        base: { model: 'lenet300', training: { optimizer: 'adam', lr: 1.2e-3, batchSize: 60, iterations: 200, evalEvery: 100 } },
        methods: ['random-uniform', 'random-erk', 'snip'],
        densities: [0.02],
        seeds: [0, 1],
      },
      ds,
    );
    const acc = (m: string) => result.cells.find((c) => c.method === m)!.finalMean;
    console.log(`2 % density, 200 its: uniform ${(acc('random-uniform') * 100).toFixed(2)} %, ERK ${(acc('random-erk') * 100).toFixed(2)} %, SNIP ${(acc('snip') * 100).toFixed(2)} % (${result.seconds.toFixed(0)} s)`);
    expect(acc('snip')).toBeGreaterThan(acc('random-uniform') + 0.05);
    expect(acc('random-erk')).toBeGreaterThan(acc('random-uniform'));
  }, 120_000);
});
