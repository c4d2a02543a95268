import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseConfig } from './normalise';
import { useNodeBackend } from '../../node/backend';
import type { Dataset } from '../data/types';
import { buildModel } from '../models/model';
import { modelSpec } from '../models/registry';
import { denseMasks } from '../pruning/masks';
import { syntheticDataset } from '../testing/synthetic';
import { SparseNet } from '../train/sparseNet';
import { EvalSet } from './evaluate';
import type { RunEvent } from './events';
import { errorBarrier, interpolate, interpolationAlphas } from './lmc';
import { runExperiment } from './runner';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('error barrier', () => {
  it('is the largest evaluated error above the mean of the two ends', () => {
    expect(errorBarrier([0.02, 0.05, 0.3, 0.04, 0.04])).toBeCloseTo(0.27);
    expect(errorBarrier([0.1, 0.1])).toBe(0);
    expect(errorBarrier([0.1, 0.05, 0.3])).toBeCloseTo(0.1); // the larger end is the maximum
  });
});

/**
 * A known answer: a 2-2-2 ReLU net and its hidden-unit permutation compute
 * the same function (both classify the two test points correctly), but their
 * midpoint averages the units into identical ones, so both outputs tie and
 * argmax answers class 0 for everything: error 0.5 at α = ½ and 0 elsewhere.
 */
describe('interpolation on a tiny model (known answer)', () => {
  const model = buildModel(modelSpec('t', 't', { kind: 'mlp', hidden: [2] }, [1, 2, 1], 2));
  // Pixels are normalised as (v/255 − 0) / (1/255) = v: the inputs are (2, 1) → class 0 and (1, 2) → class 1.
  const ds: Dataset = {
    id: 't', name: 't', inputShape: [1, 2, 1], numClasses: 2, classNames: ['0', '1'], mean: [0], std: [1 / 255],
    train: { x: new Uint8Array([2, 1]), y: new Uint8Array([0]), n: 1 }, val: { x: new Uint8Array(0), y: new Uint8Array(0), n: 0 },
    test: { x: new Uint8Array([2, 1, 1, 2]), y: new Uint8Array([0, 1]), n: 2 },
  };
  const zeros = { 'fc1/bias': new Float32Array(2), 'out/bias': new Float32Array(2) };
  const identity = { 'fc1/kernel': new Float32Array([1, 0, 0, 1]), 'out/kernel': new Float32Array([1, 0, 0, 1]), ...zeros };
  const swapped = { 'fc1/kernel': new Float32Array([0, 1, 1, 0]), 'out/kernel': new Float32Array([0, 1, 1, 0]), ...zeros };

  it('gives error 0.5 exactly at the midpoint, so a barrier of 0.5 when the midpoint is evaluated', async () => {
    const net = new SparseNet(model, identity, denseMasks(model), { kind: 'sgd' });
    const test = new EvalSet(ds, ds.test);
    try {
      const five = await interpolate(net, identity, swapped, interpolationAlphas(5), test);
      expect(five?.testError).toEqual([0, 0, 0.5, 0, 0]);
      expect(errorBarrier(five!.testError)).toBe(0.5);
      // Four points (α = 0, ⅓, ⅔, 1) step over the midpoint: the barrier is computed on exactly the evaluated points.
      const four = await interpolate(net, identity, swapped, interpolationAlphas(4), test);
      expect(four?.testError).toEqual([0, 0, 0, 0]);
      expect(errorBarrier(four!.testError)).toBe(0);
    } finally {
      net.dispose();
      test.dispose();
    }
  });
});

describe('instability analysis runs', () => {
  const ds = syntheticDataset();
  const base = {
    model: 'mlp-tiny', seed: 3, method: { id: 'dense' },
    training: { optimizer: 'sgd' as const, lr: 0.05, batchSize: 16, iterations: 40, evalEvery: 20 },
  };

  it('has a barrier of exactly 0 at every k when both copies share the data order', async () => {
    const result = await runExperiment(normaliseConfig({ ...base, lmc: { ks: [0, 10], points: 5, sameOrder: true } }), ds);
    expect(result.lmc!.map((p) => p.k)).toEqual([0, 10]);
    for (const p of result.lmc!) {
      expect(p.barrier).toBe(0);
      expect(new Set(p.testError).size).toBe(1);
    }
  });

  it('trains two copies per k from the shared θk, under a ticket mask when density < 1, and reports each k as it finishes', async () => {
    const events: RunEvent[] = [];
    const result = await runExperiment(normaliseConfig({ ...base, lmc: { ks: [0, 10], points: 3, density: 0.3 } }), ds, { emit: (e) => events.push(e) });
    // The ticket's dense parent, the shared run to k = 10, then two copies for each k.
    expect(result.rounds.map((r) => r.steps)).toEqual([40, 10, 40, 40, 30, 30]);
    expect(result.rounds.slice(2).every((r) => Math.abs(r.density - 0.3) < 0.01)).toBe(true);
    expect(events.filter((e) => e.type === 'lmc')).toHaveLength(2);
    for (const p of result.lmc!) {
      expect(p.alphas).toEqual([0, 0.5, 1]);
      expect(p.barrier).toBeGreaterThanOrEqual(0);
      expect(p.barrier).toBeCloseTo(Math.max(...p.testError) - (p.testError[0] + p.testError[2]) / 2, 12);
    }
  });

  it('refuses a k at or past the end of training, and a method other than dense', async () => {
    await expect(runExperiment(normaliseConfig({ ...base, lmc: { ks: [40] } }), ds)).rejects.toThrow(/below the 40/);
    await expect(runExperiment(normaliseConfig({ ...base, method: { id: 'imp' }, lmc: { ks: [0] } }), ds)).rejects.toThrow(/dense/);
  });
});
