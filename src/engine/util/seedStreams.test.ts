import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseConfig } from '../experiment/normalise';
import { runExperiment, type Inspector } from '../experiment/runner';
import { initWeights } from '../models/init';
import { getModel } from '../models/model';
import { getModelSpec } from '../models/registry';
import { getMethod } from '../methods/registry';
import { denseMasks, nnz, type Masks } from '../pruning/masks';
import { syntheticDataset } from '../testing/synthetic';
import { hash32 } from './rng';
import { seedStreams } from './seedStreams';

/**
 * What a seed produces, pinned: θ0's first weights, the first batches' order,
 * a mask chosen at initialisation and the mask IMP keeps for round 1. A
 * renamed seed stream or a changed draw fails here before it silently
 * changes every saved run's numbers.
 */
const maskDigest = (m: Masks) => {
  const names = Object.keys(m).sort();
  return { kept: names.reduce((n, k) => n + nnz(m[k]), 0), hash: hash32(names.map((k) => `${k}:${Array.from(m[k]).join('')}`).join('|')).toString(16) };
};
const first = (v: Float32Array, n = 4) => Array.from(v.slice(0, n), (x) => +x.toFixed(6));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('what a seed produces', () => {
  it('θ0 of LeNet-300-100 at seed 1 (Glorot normal)', () => {
    const w = initWeights(getModelSpec('lenet300'), 1);
    expect(first(w['fc1/kernel'])).toEqual(PIN.theta0Fc1);
    expect(first(w['out/kernel'])).toEqual(PIN.theta0Out);
  });

  it('the data order and the validation split at seed 1', () => {
    expect(Array.from(seedStreams.dataOrder(1).permutation(10))).toEqual(PIN.dataOrder);
    expect(Array.from(seedStreams.valSplit(1).permutation(10))).toEqual(PIN.valSplit);
  });

  it('random pruning at initialisation (ERK, 10 %) at seed 7', () => {
    const model = getModelSpec('lenet300');
    const random = getMethod('random');
    const params = random.schema.parse({ density: 0.1, distribution: 'erk' });
    const config = normaliseConfig({ seed: 7, method: { id: 'random', params } });
    const { masks } = random.initMasks!({ model, config, weights: {}, masks: denseMasks(model), rng: seedStreams.initMask(7) }, params);
    expect(maskDigest(masks)).toEqual(PIN.randomInitMask);
  });

  it('IMP\'s round-1 mask after a short training at seed 11 (CPU backend)', async () => {
    const ds = syntheticDataset();
    const masks: Masks[] = [];
    const inspect: Inspector = ({ series, round, phase, net }) => {
      if (series === 'trunk' && round === 1 && phase === 'start') masks.push(structuredClone(net.masks));
    };
    await runExperiment(normaliseConfig({
      model: 'mlp-tiny', seed: 11, data: { dataset: 'mnist' },
      training: { optimizer: 'adam', lr: 0.01, batchSize: 16, iterations: 20, evalEvery: 10 },
      method: { id: 'imp', params: { rounds: 1, rates: { conv: 0.1, fc: 0.5, output: 0.25 } } },
    }), ds, { inspect });
    expect(masks).toHaveLength(1);
    expect(maskDigest(masks[0])).toEqual(PIN.impRound1Mask);
    expect(getModel('mlp-tiny', ds.inputShape, ds.numClasses).params.length).toBe(6);
  });
});

const PIN = {
  theta0Fc1: [-0.004962, 0.028146, 0.031607, 0.008013],
  theta0Out: [0.055537, 0.056891, 0.063657, -0.188589],
  dataOrder: [8, 6, 7, 4, 0, 9, 3, 5, 2, 1],
  valSplit: [1, 3, 4, 2, 0, 7, 5, 9, 8, 6],
  randomInitMask: { kept: 26620, hash: 'bb771c32' },
  impRound1Mask: { kept: 1328, hash: 'c5149487' },
};
