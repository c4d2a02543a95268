import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerSyntheticDataset } from '../engine/testing/synthetic';
import type { RunConfigInput } from '../engine/spec';
import type { FromWorker } from './protocol';
import { TrainerSession } from './session';

beforeAll(() => registerSyntheticDataset('squares-import', { train: 96, test: 32, valSize: 16 }));

const config: RunConfigInput = {
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
