import type { Dataset } from '../data/types';
import { Rng } from '../util/rng';
import { registerDataset } from '../data/registry';

/**
 * A small learnable dataset for tests: class k lights up a bright square at
 * a class-specific position over noise, so tiny models reach high accuracy in
 * tens of steps and runs stay fast and deterministic.
 */
export function syntheticDataset(opts: { side?: number; train?: number; val?: number; test?: number; seed?: number; classes?: number } = {}): Dataset {
  const side = opts.side ?? 8;
  const classes = opts.classes ?? 4;
  const rng = new Rng(opts.seed ?? 123);
  const make = (n: number) => {
    const x = new Uint8Array(n * side * side);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const label = rng.int(classes);
      y[i] = label;
      for (let p = 0; p < side * side; p++) x[i * side * side + p] = rng.int(80);
      const r0 = Math.floor((label * 2) / side) * 2 % (side - 1);
      const c0 = (label * 2) % (side - 1);
      for (let dr = 0; dr < 2; dr++) for (let dc = 0; dc < 2; dc++) x[i * side * side + (r0 + dr) * side + c0 + dc] = 200 + rng.int(55);
    }
    return { x, y, n };
  };
  return {
    id: 'synthetic', name: 'Synthetic squares', inputShape: [side, side, 1], numClasses: classes,
    classNames: Array.from({ length: classes }, (_, i) => String(i)), mean: [0.2], std: [0.3],
    train: make(opts.train ?? 256), val: make(opts.val ?? 64), test: make(opts.test ?? 64),
  };
}

/**
 * Registers the synthetic squares as dataset `id`, so a worker session or the
 * page's validation loads it by name like MNIST (tests only).
 */
export function registerSyntheticDataset(id: string, sizes: { train: number; test: number; valSize: number }): void {
  const ds = syntheticDataset({ train: sizes.train, test: sizes.test });
  registerDataset(id, {
    meta: { id, name: 'Squares', inputShape: ds.inputShape, numClasses: ds.numClasses, classNames: ds.classNames, mean: ds.mean, std: ds.std },
    folder: 'squares', files: { all: 'all.bin' }, prepareCommand: 'none', valSize: sizes.valSize,
    parse: () => ({ trainX: ds.train.x, trainY: ds.train.y, testX: ds.test.x, testY: ds.test.y }),
  });
}
