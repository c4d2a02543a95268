import { describe, expect, it } from 'vitest';
import { iterationsPerEpoch, parseRunConfig, roundIterations } from '../experiment/config';
import { syntheticDataset } from '../testing/synthetic';
import { Rng } from '../util/rng';
import { Batcher } from './batcher';

const ds = syntheticDataset({ train: 50 });

describe('epoch-aligned batches (--epochs with the last partial batch kept or dropped)', () => {
  it("'keep': each epoch is ceil(n/b) batches, the last one partial, every example once", () => {
    const b = new Batcher(ds, 16, new Rng(1), false, 'keep');
    for (let epoch = 0; epoch < 2; epoch++) {
      const sizes = Array.from({ length: 4 }, () => b.next().size);
      expect(sizes).toEqual([16, 16, 16, 2]);
    }
    expect(iterationsPerEpoch({ batchSize: 16, lastBatch: 'keep' }, 50)).toBe(4);
  });

  it("'drop': each epoch is floor(n/b) full batches", () => {
    const b = new Batcher(ds, 16, new Rng(1), false, 'drop');
    expect(Array.from({ length: 6 }, () => b.next().size)).toEqual([16, 16, 16, 16, 16, 16]);
    expect(b.epoch).toBe(1);
    expect(iterationsPerEpoch({ batchSize: 16, lastBatch: 'drop' }, 50)).toBe(3);
  });

  it('an epoch in keep mode sees every training example exactly once', () => {
    const b = new Batcher(ds, 16, new Rng(2), false, 'keep');
    const seen = new Map<string, number>();
    for (let i = 0; i < 4; i++) {
      const batch = b.next();
      const d = 64;
      for (let k = 0; k < batch.size; k++) {
        const key = Array.from(batch.x.subarray(k * d, k * d + d)).join(',');
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    expect([...seen.values()].reduce((a, c) => a + c, 0)).toBe(50);
  });

  it('skip() lands where next() would have, in every mode', () => {
    for (const mode of ['wrap', 'keep', 'drop'] as const) {
      const a = new Batcher(ds, 16, new Rng(3), false, mode);
      for (let i = 0; i < 5; i++) a.next();
      const b = new Batcher(ds, 16, new Rng(3), false, mode);
      b.skip(5);
      expect(b.next(), mode).toEqual(a.next());
    }
  });

  it('roundIterations: epochs × batches per epoch, or the fixed iterations', () => {
    const t = parseRunConfig({ training: { epochs: 2, batchSize: 128, lastBatch: 'keep' } }).training;
    expect(roundIterations(t, 60_000)).toBe(938); // open_lth's 2ep on all of MNIST
    expect(roundIterations(parseRunConfig({}).training, 60_000)).toBe(2000);
  });
});
