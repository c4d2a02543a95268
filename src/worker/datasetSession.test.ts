import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerDataset } from '../engine/data/registry';
import { syntheticDataset } from '../engine/testing/synthetic';
import type { FromWorker } from './protocol';
import { TrainerSession } from './session';

beforeAll(() => {
  const ds = syntheticDataset({ train: 96, test: 32 });
  registerDataset('squares-import', {
    meta: { id: 'squares-import', name: 'Squares', inputShape: ds.inputShape, numClasses: ds.numClasses, classNames: ds.classNames, mean: ds.mean, std: ds.std },
    folder: 'squares', files: { all: 'all.bin' }, prepareCommand: 'none', valSize: 16,
    parse: () => ({ trainX: ds.train.x, trainY: ds.train.y, testX: ds.test.x, testY: ds.test.y }),
  });
});

const config = {
  model: 'mlp-tiny', seed: 1, data: { dataset: 'squares-import', valSize: 16 },
  training: { optimizer: 'sgd', lr: 0.01, batchSize: 16, iterations: 2, evalEvery: 2 },
  method: { id: 'dense', params: {} },
};

describe('TrainerSession and imported data', () => {
  it('keeps the parsed dataset across runs until told the data changed (an import or "forget")', async () => {
    let reads = 0;
    const posted: FromWorker[] = [];
    const session = new TrainerSession({
      post: (m) => posted.push(m),
      readFile: async () => {
        reads++;
        return new Uint8Array(1);
      },
      startBackend: async () => {
        await tf.setBackend('cpu');
        return { name: 'cpu', detail: 'test', software: true, rejected: [] };
      },
    });
    await session.handle({ type: 'init', backends: ['cpu'] });
    await session.handle({ type: 'start', runKey: 'a', config });
    await session.handle({ type: 'start', runKey: 'b', config });
    expect(reads).toBe(1);
    await session.handle({ type: 'data-changed' });
    await session.handle({ type: 'start', runKey: 'c', config });
    expect(reads).toBe(2);
    expect(posted.some((m) => m.type === 'run-failed')).toBe(false);
  });
});
