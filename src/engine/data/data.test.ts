import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher';
import { parseIdxImages, parseIdxLabels } from './idx';
import { loadDataset } from './registry';
import { splitDataset } from './split';
import { DataError } from './types';
import { syntheticDataset } from '../testing/synthetic';
import { Rng } from '../util/rng';

function idxImages(n: number, rows = 2, cols = 2): Uint8Array {
  const b = new Uint8Array(16 + n * rows * cols);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0x803);
  v.setUint32(4, n);
  v.setUint32(8, rows);
  v.setUint32(12, cols);
  for (let i = 16; i < b.length; i++) b[i] = i % 251;
  return b;
}

function idxLabels(labels: number[]): Uint8Array {
  const b = new Uint8Array(8 + labels.length);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0x801);
  v.setUint32(4, labels.length);
  b.set(labels, 8);
  return b;
}

describe('IDX parsing', () => {
  it('reads images and labels', () => {
    const img = parseIdxImages(idxImages(3), 'x');
    expect([img.n, img.rows, img.cols, img.data.length]).toEqual([3, 2, 2, 12]);
    expect(Array.from(parseIdxLabels(idxLabels([1, 2, 3]), 'y').data)).toEqual([1, 2, 3]);
  });

  it('names the file for a bad magic number, a truncated file or a bad label', () => {
    const bad = idxImages(3);
    bad[3] = 0x01;
    expect(() => parseIdxImages(bad, 'train-images')).toThrow(/train-images: not an IDX image file/);
    expect(() => parseIdxImages(idxImages(3).subarray(0, 20), 'train-images')).toThrow(/train-images: holds 20 bytes, expected 28/);
    expect(() => parseIdxLabels(idxLabels([1, 12]), 'labels')).toThrow(/labels: label 12 at index 1/);
  });
});

describe('loadDataset', () => {
  it('reports a missing file with its name and the command that regenerates it', async () => {
    const reader = async (file: string) => {
      throw new DataError(`Missing data file /nowhere/${file}`, file);
    };
    await expect(loadDataset('mnist', reader)).rejects.toThrow(/train-images-idx3-ubyte\.gz.*npm run data:mnist/);
  });

  it('reports a corrupt gzip file', async () => {
    const reader = async () => new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]);
    await expect(loadDataset('mnist', reader)).rejects.toThrow(/corrupt gzip.*npm run data:mnist/);
  });

  it('reports mismatched image and label counts', async () => {
    const files: Record<string, Uint8Array> = {
      'mnist/train-images-idx3-ubyte.gz': idxImages(4, 28, 28),
      'mnist/train-labels-idx1-ubyte.gz': idxLabels([1, 2, 3]),
      'mnist/t10k-images-idx3-ubyte.gz': idxImages(2, 28, 28),
      'mnist/t10k-labels-idx1-ubyte.gz': idxLabels([1, 2]),
    };
    await expect(loadDataset('mnist', async (f) => files[f], { valSize: 1 })).rejects.toThrow(/4 images but .* 3 labels/);
  });
});

describe('validation split and batches', () => {
  const ds = syntheticDataset({ train: 100, val: 10, test: 10 });
  const raw = { trainX: ds.train.x, trainY: ds.train.y, testX: ds.test.x, testY: ds.test.y };
  const meta = { ...ds } as Parameters<typeof splitDataset>[0];

  it('holds out a seeded validation set disjoint from train', () => {
    const a = splitDataset(meta, raw, { valSize: 20, splitSeed: 0 });
    const b = splitDataset(meta, raw, { valSize: 20, splitSeed: 0, trainSubset: 30 });
    const c = splitDataset(meta, raw, { valSize: 20, splitSeed: 1 });
    expect([a.train.n, a.val.n, a.test.n, b.train.n]).toEqual([80, 20, 10, 30]);
    expect(b.val.x).toEqual(a.val.x);
    expect(c.val.x).not.toEqual(a.val.x);
  });

  it('batches in a seeded order, and skip(k) lands where k batches would', () => {
    const a = new Batcher(ds, 7, new Rng(3));
    for (let i = 0; i < 20; i++) a.next();
    const b = new Batcher(ds, 7, new Rng(3));
    b.skip(20);
    expect(b.next()).toEqual(a.next());
    expect(b.epoch).toBe(a.epoch);
  });
});
