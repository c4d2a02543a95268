import { Rng } from './rng';

/**
 * Every random stream a run draws from, in one table. Each is derived from
 * the run's seed and a label, so streams never shift one another; the labels
 * are part of every saved result (changing one changes the weights, masks
 * and data order a seed produces: seedStreams.test.ts pins them).
 */
export const seedStreams = {
  /** The order of training batches; every round replays it (as open_lth). */
  dataOrder: (seed: number) => Rng.derive(seed, 'data'),
  /** LMC: the two copies' data orders ('a' is also the shared order when sameOrder). */
  lmcOrder: (seed: number, copy: 'a' | 'b') => Rng.derive(seed, `lmc-order-${copy}`),
  /** The batches whose gradient scores connections at initialisation (SNIP). */
  initBatches: (seed: number) => Rng.derive(seed, 'init-batches'),
  /** Masks chosen before the first round (random pruning, SNIP's tie noise). */
  initMask: (seed: number) => Rng.derive(seed, 'init-mask'),
  /** Mask updates during round r's training (GraNet, RigL). */
  method: (seed: number, methodId: string, round: number) => Rng.derive(seed, 'method', methodId, round),
  /** The prune after round r. */
  prune: (seed: number, round: number) => Rng.derive(seed, 'prune', round),
  /** The random-mask control of round r. */
  randomMask: (seed: number, round: number) => Rng.derive(seed, 'random-mask', round),
  /** Which training images are held out for validation (its own seed: the split can stay fixed across runs). */
  valSplit: (splitSeed: number) => Rng.derive(splitSeed, 'val-split'),
  /** Backend calibration's synthetic batch (not a run's: always seed 0). */
  calibration: () => Rng.derive(0, 'calibration'),
} as const;

/**
 * Labels of weight draws: models/init.ts derives one stream per parameter
 * under the label (`derive(seed, label, 'fc1/kernel')`).
 */
export const weightDraws = {
  /** θ0. */
  theta0: 'init',
  /** θ0 drawn again for a method that trains an independent init (SNIP's independentInit). */
  redrawn: 'init-redraw',
  /** The re-initialisation control of round r. */
  reinit: (round: number) => `reinit-${round}`,
} as const;
