import { seedStreams } from '../util/seedStreams';
import type { Dataset, RawDataset, Split, SplitOptions } from './types';

/**
 * Takes a seeded validation split out of the training set (LTH: 55k/5k for
 * MNIST, 45k/5k for CIFAR-10) and optionally trims train and test for quick runs.
 * The split depends only on `splitSeed`, never on the run seed, so every run
 * of a comparison validates on the same examples.
 */
export function splitDataset(
  meta: Omit<Dataset, 'train' | 'val' | 'test'>,
  raw: RawDataset,
  opts: SplitOptions,
): Dataset {
  const d = meta.inputShape[0] * meta.inputShape[1] * meta.inputShape[2];
  const nTrain = raw.trainY.length;
  if (opts.valSize < 0 || opts.valSize >= nTrain) throw new Error(`Validation size ${opts.valSize} must be in [0, ${nTrain})`);
  const perm = seedStreams.valSplit(opts.splitSeed).permutation(nTrain);
  const valIdx = perm.subarray(0, opts.valSize);
  let trainIdx = perm.subarray(opts.valSize);
  if (opts.trainSubset !== undefined) trainIdx = trainIdx.subarray(0, Math.min(opts.trainSubset, trainIdx.length));
  const testN = Math.min(opts.testSubset ?? raw.testY.length, raw.testY.length);
  return {
    ...meta,
    train: gather(raw.trainX, raw.trainY, trainIdx, d),
    val: gather(raw.trainX, raw.trainY, valIdx, d),
    test: { x: raw.testX.subarray(0, testN * d), y: raw.testY.subarray(0, testN), n: testN },
  };
}

function gather(x: Uint8Array, y: Uint8Array, idx: Uint32Array, d: number): Split {
  const ox = new Uint8Array(idx.length * d);
  const oy = new Uint8Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    ox.set(x.subarray(idx[i] * d, idx[i] * d + d), i * d);
    oy[i] = y[idx[i]];
  }
  return { x: ox, y: oy, n: idx.length };
}
