import { parseIdxImages, parseIdxLabels } from './idx';
import type { Dataset, RawDataset } from './types';
import { DataError } from './types';

/** Prepared files (gzipped IDX) under public/data/mnist/, written by `npm run data:mnist`. */
export const MNIST_FILES = {
  trainX: 'train-images-idx3-ubyte.gz',
  trainY: 'train-labels-idx1-ubyte.gz',
  testX: 't10k-images-idx3-ubyte.gz',
  testY: 't10k-labels-idx1-ubyte.gz',
} as const;

export const MNIST_META: Omit<Dataset, 'train' | 'val' | 'test'> = {
  id: 'mnist',
  name: 'MNIST',
  inputShape: [28, 28, 1],
  numClasses: 10,
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  // Mean/std of MNIST training pixels; the values open_lth uses (algorithms.md §2).
  mean: [0.1307],
  std: [0.3081],
};

/** Parses the four decompressed IDX files and checks they pair up (60k/10k for real MNIST). */
export function parseMnist(files: Record<keyof typeof MNIST_FILES, Uint8Array>): RawDataset {
  const trainX = parseIdxImages(files.trainX, MNIST_FILES.trainX);
  const trainY = parseIdxLabels(files.trainY, MNIST_FILES.trainY);
  const testX = parseIdxImages(files.testX, MNIST_FILES.testX);
  const testY = parseIdxLabels(files.testY, MNIST_FILES.testY);
  for (const [img, name] of [[trainX, MNIST_FILES.trainX], [testX, MNIST_FILES.testX]] as const) {
    if (img.rows !== 28 || img.cols !== 28) throw new DataError(`${name}: images are ${img.rows}×${img.cols}, expected 28×28`, name);
  }
  if (trainX.n !== trainY.n) throw new DataError(`${MNIST_FILES.trainX} has ${trainX.n} images but ${MNIST_FILES.trainY} has ${trainY.n} labels`, MNIST_FILES.trainY);
  if (testX.n !== testY.n) throw new DataError(`${MNIST_FILES.testX} has ${testX.n} images but ${MNIST_FILES.testY} has ${testY.n} labels`, MNIST_FILES.testY);
  return { trainX: trainX.data, trainY: trainY.data, testX: testX.data, testY: testY.data };
}
