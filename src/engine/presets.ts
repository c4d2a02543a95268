import { UnknownIdError } from './util/ownKeys';
import type { RunConfigInput } from './experiment/config';

/** A method × density × seed comparison (`npm run lab -- compare --preset …`); `config` holds the shared model, data and training. */
export interface ComparePresetSpec {
  methods: string[];
  densities: number[];
  seeds: number;
  params?: Record<string, Record<string, unknown>>;
}

/**
 * Named experiments, stored as data: the CLI (`--preset`), the page's
 * experiment menu and shared links all start from these.
 */
export interface Preset {
  id: string;
  title: string;
  /** One or two sentences: what it shows and what to expect. */
  description: string;
  config: RunConfigInput;
  /** Set for comparison presets: the CLI's `compare` and the page run every method of this grid. */
  compare?: ComparePresetSpec;
}

export const presets: Preset[] = [
  {
    id: 'lth-mnist-quick',
    title: 'Find a lottery ticket on MNIST (quick)',
    description:
      'Six rounds of iterative magnitude pruning on LeNet-300-100 trained on 10,000 MNIST images (half of the hidden weights per round, down to about 2 % remaining), each ticket reset to its original initialisation and compared with the same mask re-initialised at random. Expect the ticket to keep its accuracy while the re-initialised network falls behind at the sparsest rounds. The small training set makes the networks overfit within the 2,000 iterations, so the early-stop chart shows something: the tickets reach their lowest validation loss well before the re-initialised networks (in our run 500–800 at 50–13 % and 1,700 at 6–2 %, against 1,700 to the end), and later again at the sparsest rounds. Dense against moderately pruned tickets is not resolved at this budget: the dense network\'s validation loss has a broad, noisy minimum (iteration 600 when evaluated every 100 iterations, 1,450 when every 50, in the same training), so whether it stops later than the tickets varies from run to run; full MNIST shows it clearly (dense about 5,300 against 2,000–3,000) but needs about 6,000 iterations per round, far beyond a lecture. Accuracies sit near 95 %, below full MNIST\'s 98 %, for the same reason. About 2½ minutes on a 2-core CPU (WASM).',
    config: {
      model: 'lenet300', seed: 0,
      data: { dataset: 'mnist', valSize: 2000, trainSubset: 10_000, testSubset: 5000 },
      training: { optimizer: 'adam', lr: 1.2e-3, batchSize: 60, iterations: 2000, evalEvery: 100 },
      method: { id: 'imp', params: { rounds: 6, rates: { conv: 0.1, fc: 0.5, output: 0.25 }, scope: 'layerwise', reset: 'init' } },
      controls: ['reinit'],
    },
  },
  {
    id: 'lth-mnist-paper',
    title: 'Lottery ticket, paper recipe (LeNet-300-100, 50k iterations)',
    description:
      'The LTH recipe exactly: Adam 1.2e-3, batch 60, 50,000 iterations per round, 20 % of each hidden layer and 10 % of the output layer pruned per round, 18 rounds down to 1.9 % remaining, with both controls. Hours of compute: run it from the CLI.',
    config: {
      model: 'lenet300', seed: 0,
      training: { optimizer: 'adam', lr: 1.2e-3, batchSize: 60, iterations: 50_000, evalEvery: 100 },
      method: { id: 'imp', params: { rounds: 18, rates: { conv: 0.1, fc: 0.2, output: 0.1 }, scope: 'layerwise', reset: 'init' } },
      controls: ['reinit', 'random-mask'],
    },
  },
  {
    id: 'open-lth-lenet',
    title: "open_lth's LeNet-300-100 recipe (2 epochs per level)",
    description:
      "open_lth's mnist_lenet_300_100 defaults on a 2-epoch budget: Kaiming-normal weights with PyTorch's bias init, all 60,000 training images (no validation split, so no early stop), plain SGD at 0.1, batch 128 with the last partial batch kept, global magnitude pruning of 20 % of the surviving weights per level with the output layer never pruned, reset to θ0, levels 0–10 (100 % down to 10.7 %). Expect the ticket to stay within a few tenths of a point of the dense accuracy (about 96.8 % at this budget; measured 96.6–97.1 % over levels 0–10) through level 10; open_lth's own run of this recipe on the same machine agrees within 0.12 pp at every level (README). About 2 CPU-minutes per seed (WASM; measured 1.7–1.9).",
    config: {
      model: 'lenet300', seed: 0, init: 'kaiming-normal',
      data: { dataset: 'mnist', valSize: 0 },
      training: { optimizer: 'sgd', lr: 0.1, batchSize: 128, epochs: 2, lastBatch: 'keep', evalEvery: 469 },
      method: { id: 'imp', params: { rounds: 10, scope: 'global', globalRate: 0.2, exclude: ['output'], reset: 'init' } },
    },
  },
  {
    id: 'ticket-vs-reinit',
    title: 'Winning ticket vs random re-init',
    description:
      'The LTH §2 experiment in miniature: IMP at the paper\'s 20 % per round down to 17 %, with the random re-initialisation and random-mask controls at every round. Expect the ticket on top, the re-initialised mask below it and the random mask lowest as the network thins (LTH §2, App. E). About 3 minutes on a 2-core CPU (WASM; 200 CPU-seconds measured on the CLI, under load).',
    config: {
      model: 'lenet300', seed: 0,
      data: { dataset: 'mnist', valSize: 2000, testSubset: 5000 },
      training: { optimizer: 'adam', lr: 1.2e-3, batchSize: 60, iterations: 1000, evalEvery: 100 },
      method: { id: 'imp', params: { rounds: 8, rates: { conv: 0.1, fc: 0.2, output: 0.1 }, reset: 'init' } },
      controls: ['reinit', 'random-mask'],
    },
  },
  {
    id: 'compare-mnist-quick',
    title: 'Compare sparse methods on MNIST (quick)',
    description:
      'IMP, random pruning (uniform and ERK), SNIP, GraNet and gradual magnitude pruning on LeNet-300-100 at 20, 10, 5 and 2 % of the weights, 3 seeds each, every network on the same short budget (300 iterations of Adam per round, one IMP run reaching all four densities). Expect IMP to lead, GraNet ≈ GMP above SNIP and random ERK, and uniform random pruning to collapse at 2 % (its output layer keeps 20 weights). About 3 minutes on a 2-core CPU (WASM; 163 CPU-seconds measured on the CLI, one network after another); `lab compare` with two worker processes took 72 s on an idle machine.',
    config: {
      model: 'lenet300', seed: 0,
      data: { dataset: 'mnist', valSize: 2000, testSubset: 5000 },
      training: { optimizer: 'adam', lr: 1.2e-3, batchSize: 60, iterations: 300, evalEvery: 100 },
      method: { id: 'imp', params: { targetDensities: [0.2, 0.1, 0.05, 0.02] } },
    },
    compare: { methods: ['imp', 'random-uniform', 'random-erk', 'snip', 'granet', 'gmp'], densities: [0.2, 0.1, 0.05, 0.02], seeds: 3 },
  },
  {
    id: 'tiny-test',
    title: 'Tiny smoke test (seconds)',
    description: 'A 32-16 MLP on 2,000 MNIST images, 2 rounds of 60 iterations: for checking that everything works.',
    config: {
      model: 'mlp-tiny', seed: 1,
      data: { dataset: 'mnist', trainSubset: 2000, testSubset: 1000, valSize: 500 },
      training: { optimizer: 'adam', lr: 3e-3, batchSize: 32, iterations: 60, evalEvery: 20 },
      method: { id: 'imp', params: { rounds: 1, rates: { conv: 0.1, fc: 0.5, output: 0.25 } } },
      controls: ['reinit'],
    },
  },
  {
    id: 'imp-reset-vs-rewind',
    title: 'IMP: reset to θ0 vs weight rewinding vs LR rewinding',
    description:
      'Three lottery-ticket procedures side by side on LeNet-300-100, pruning to 50, 20, 10 and 5 % of the weights (one round each): survivors reset to their initial values θ0 (Frankle & Carbin), rewound to their values at iteration k = 50 of 1,000 (weight rewinding, Frankle et al. 2019), or kept as trained while the learning-rate schedule replays from k (LR rewinding, Renda et al. 2020). Expect all three to stay close on MNIST, where training is stable from initialisation (the "Why rewinding works" preset shows why); on deeper CIFAR nets rewinding is what makes tickets work. About 2 minutes on a 2-core CPU (WASM; 115 CPU-seconds measured on the CLI).',
    config: {
      model: 'lenet300', seed: 0,
      data: { dataset: 'mnist', valSize: 2000, testSubset: 5000 },
      training: { optimizer: 'adam', lr: 1.2e-3, batchSize: 60, iterations: 1000, evalEvery: 100 },
      method: { id: 'imp', params: { targetDensities: [0.5, 0.2, 0.1, 0.05] } },
    },
    compare: {
      methods: ['imp', 'imp-rewind', 'imp-lr-rewind'], densities: [0.5, 0.2, 0.1, 0.05], seeds: 1,
      params: { 'imp-rewind': { rewindStep: 50 }, 'imp-lr-rewind': { rewindStep: 50 } },
    },
  },
  {
    id: 'random-at-init-mnist',
    title: 'Pruning at initialisation: random uniform vs ERK vs SNIP at 10 / 5 / 2 %',
    description:
      'Masks chosen before any training and then held fixed: uniform random (every layer keeps the same share), random with ERK layer densities (small layers denser), and SNIP (the connections one batch of gradients marks as most sensitive), at 10, 5 and 2 % of the weights, 2 seeds each (bars: ± one standard deviation). Expect SNIP ≥ ERK > uniform, with uniform collapsing at 2 % because its 1,000-weight output layer keeps only 20 weights. About a minute on a 2-core CPU (WASM; 51 CPU-seconds measured on the CLI).',
    config: {
      model: 'lenet300', seed: 0,
      data: { dataset: 'mnist', valSize: 2000, testSubset: 5000 },
      training: { optimizer: 'adam', lr: 1.2e-3, batchSize: 60, iterations: 800, evalEvery: 100 },
      method: { id: 'random', params: { distribution: 'uniform', density: 0.1 } },
    },
    compare: { methods: ['random-uniform', 'random-erk', 'snip'], densities: [0.1, 0.05, 0.02], seeds: 2 },
  },
  {
    id: 'during-training-mnist',
    title: 'Pruning during training: GraNet (dense→sparse, sparse→sparse) vs GMP vs RigL',
    description:
      'Four methods that change the mask while the network trains, each ending at 10 % and at 2 % of the weights on one budget: GraNet from a dense start and from a 50 % random sparse start, gradual magnitude pruning (the same cubic schedule, no regrowth), and RigL (constant density, drop-and-regrow). Open a run to see its mask over training: density per layer, and the share regrown at each update. Expect GraNet ≥ GMP, and the dense-start methods ahead of RigL at 2 % on this short budget. About 1½ minutes on a 2-core CPU (WASM; 80 CPU-seconds measured on the CLI).',
    config: {
      model: 'lenet300', seed: 0,
      data: { dataset: 'mnist', valSize: 2000, testSubset: 5000 },
      training: { optimizer: 'adam', lr: 1.2e-3, batchSize: 60, iterations: 1500, evalEvery: 100 },
      method: { id: 'granet', params: { density: 0.1, initialDensity: 1, pruneStart: 0, pruneEnd: 0.5 } },
    },
    compare: {
      methods: ['granet', 'granet-s2s', 'gmp', 'rigl'], densities: [0.1, 0.02], seeds: 1,
      params: { granet: { pruneStart: 0, pruneEnd: 0.5 }, 'granet-s2s': { pruneStart: 0, pruneEnd: 0.5 }, gmp: { pruneStart: 0, pruneEnd: 0.5 } },
    },
  },
  {
    id: 'why-rewinding-works',
    title: 'Why rewinding works: linear mode connectivity (instability analysis)',
    description:
      'The diagnostic behind rewinding (Frankle, Dziugaite, Roy & Carbin, ICML 2020): from the weights at iteration k, two copies of a 20 % ticket of LeNet-300-100 train to the end on different data orders, and the test error is measured along the straight line between them. The ticket is one-shot (one IMP level: the dense network trained once and each layer pruned to 20 % by magnitude), not the paper\'s multi-round IMP subnetwork, to keep the budget: at 20 % per round IMP would need 7 more full trainings first. A barrier near 0 means training from θk is stable to SGD noise — then IMP finds tickets by rewinding to k. Expect barriers near 0 already at k = 0 for LeNet on MNIST (as the paper found, so plain reset to θ0 works); deeper CIFAR nets only become stable after some training, which is why they need rewinding. About a minute on a 2-core CPU (WASM; 49 CPU-seconds measured on the CLI).',
    config: {
      model: 'lenet300', seed: 0,
      data: { dataset: 'mnist', valSize: 2000, testSubset: 5000 },
      training: { optimizer: 'sgd', lr: 0.1, batchSize: 60, iterations: 1000, evalEvery: 250 },
      method: { id: 'dense' },
      lmc: { ks: [0, 25, 100, 250], points: 11, density: 0.2 },
    },
  },
  {
    id: 'snip-vs-random-98',
    title: 'SNIP vs random at 98 % sparsity',
    description:
      'Four LeNet-300-100 networks on the same budget: SNIP\'s mask (chosen from one batch of gradients before training), random masks with uniform and with ERK layer densities, all keeping 2 % of the weights, and the dense baseline. Expect SNIP and random ERK to stay within a few points of dense, and uniform random to fall behind because its small output layer is starved. Under a minute on a 2-core CPU (WASM; 51 CPU-seconds measured on the CLI).',
    config: {
      model: 'lenet300', seed: 0,
      training: { optimizer: 'adam', lr: 1.2e-3, batchSize: 60, iterations: 1500, evalEvery: 100 },
      method: { id: 'snip', params: { density: 0.02 } },
    },
    compare: { methods: ['snip', 'random-uniform', 'random-erk', 'dense'], densities: [0.02], seeds: 1 },
  },
  {
    id: 'granet-dense-to-sparse-98',
    title: 'GraNet dense→sparse to 98 %',
    description:
      'GraNet starts dense and prunes on a cubic schedule to 2 % of the weights during the first half of training, while regrowing the connections with the largest gradients; gradual magnitude pruning (GMP) follows the same schedule without regrowth. Expect GraNet to end at or above GMP. Under a minute on a 2-core CPU (WASM; 51 CPU-seconds measured on the CLI).',
    config: {
      model: 'lenet300', seed: 0,
      training: { optimizer: 'adam', lr: 1.2e-3, batchSize: 60, iterations: 3000, evalEvery: 100 },
      method: { id: 'granet', params: { density: 0.02, initialDensity: 1, pruneStart: 0, pruneEnd: 0.5 } },
    },
    compare: {
      methods: ['granet', 'gmp'], densities: [0.02], seeds: 1,
      params: { granet: { initialDensity: 1, pruneStart: 0, pruneEnd: 0.5 }, gmp: { pruneStart: 0, pruneEnd: 0.5 } },
    },
  },
  {
    id: 'method-shootout-mnist',
    title: 'Method shoot-out on MNIST',
    description:
      'Every family on LeNet-300-100 at 10 % and 2 % of the weights, 1,000 iterations per round: the lottery ticket (IMP, reset to θ0), SNIP, random ERK, GraNet, GMP and RigL, with the dense baseline. All points share the lottery-ticket chart; expect the methods that prune during or after training to lead at 2 %, and pruning at initialisation to trail. About 2 minutes on a 2-core CPU (WASM; 118 CPU-seconds measured on the CLI).',
    config: {
      model: 'lenet300', seed: 0,
      training: { optimizer: 'adam', lr: 1.2e-3, batchSize: 60, iterations: 1000, evalEvery: 100 },
      method: { id: 'imp', params: { targetDensities: [0.1, 0.02] } },
    },
    compare: { methods: ['imp', 'snip', 'random-erk', 'granet', 'gmp', 'rigl', 'dense'], densities: [0.1, 0.02], seeds: 1 },
  },
  // CIFAR-10 (LTH §3, algorithms.md §2): data from `npm run data:cifar10` or an imported cifar-10-binary.tar.gz.
  // Stated times: src/engine/experiment/timeEstimate.ts at the measured WASM speed (a test keeps text and estimate together).
  {
    id: 'conv2-cifar-lecture',
    title: 'Conv-2 lottery ticket for a lecture (about 10 minutes on a CPU)',
    description:
      'The lottery-ticket experiment on CIFAR-10 sized for a lecture on a laptop: Conv-2 trains 250 iterations dense, is pruned once to about 20 % of its weights (80 % of fc, 50 % of conv), and the ticket (reset to its initialisation) is compared with the same mask re-initialised at random. Validation and test use 1,000 images each (the evaluation subset), so the curves are rougher than the paper\'s and accuracies stay far below it: it shows the method, not the paper\'s numbers. About 10 minutes on a 2-core CPU (WASM), evaluation included; much less on a GPU.',
    config: {
      model: 'conv2', seed: 0,
      data: { dataset: 'cifar10', valSize: 1000, testSubset: 1000 },
      training: { optimizer: 'adam', lr: 5e-4, batchSize: 60, iterations: 250, evalEvery: 125 },
      method: { id: 'imp', params: { rounds: 1, rates: { conv: 0.5, fc: 0.8, output: 0.25 }, scope: 'layerwise', reset: 'init' } },
      controls: ['reinit'],
    },
  },
  {
    id: 'conv2-cifar-quick',
    title: 'Conv-2 lottery ticket (quick on a GPU)',
    description:
      'Three aggressive rounds of IMP on Conv-2 / CIFAR-10 (60 % of fc and 25 % of conv weights per round, down to about 7 % remaining), each ticket reset to its initialisation and compared with a random re-initialisation of the same mask. Expect the ticket to hold or gain accuracy and to reach its best validation loss sooner, while the re-initialised network falls behind. Needs a GPU (WebGPU): on a 2-core CPU (WASM) it takes about 2.5 h, 22 minutes of it evaluation; for a CPU use the lecture preset.',
    config: {
      model: 'conv2', seed: 0,
      data: { dataset: 'cifar10', testSubset: 5000 },
      training: { optimizer: 'adam', lr: 2e-4, batchSize: 60, iterations: 1500, evalEvery: 250 },
      method: { id: 'imp', params: { rounds: 3, rates: { conv: 0.25, fc: 0.6, output: 0.25 }, scope: 'layerwise', reset: 'init' } },
      controls: ['reinit'],
    },
  },
  ...(
    [
      // [model, label, Adam lr, iterations, conv rate, rounds, % left, days on WASM]: LTH Fig. 2; the rounds reach about 2 % of weights remaining.
      ['conv2', 'Conv-2', 2e-4, 20_000, 0.1, 18, '1.9', 15],
      ['conv4', 'Conv-4', 3e-4, 25_000, 0.1, 21, '2.0', 36],
      ['conv6', 'Conv-6', 3e-4, 30_000, 0.15, 21, '2.1', 70],
    ] as const
  ).map(([model, label, lr, iterations, conv, rounds, pm, days]): Preset => ({
    id: `lth-${model}-paper`,
    title: `Lottery ticket, paper recipe (${label}, CIFAR-10, ${iterations / 1000}K iterations)`,
    description:
      `The LTH recipe for ${label}: Adam ${lr.toExponential(0)}, batch 60, ${iterations.toLocaleString('en-US')} iterations per round on a 45k/5k/10k split, ${Math.round(conv * 100)} % of conv, 20 % of fc and 10 % of output weights pruned per round, ${rounds} rounds down to ${pm} % remaining, with both controls. Needs a strong GPU: on a 2-core CPU (WASM) it takes about ${days} days, 40 % of it evaluating 15,000 images every 100 iterations.`,
    config: {
      model, seed: 0,
      data: { dataset: 'cifar10' },
      training: { optimizer: 'adam', lr, batchSize: 60, iterations, evalEvery: 100 },
      method: { id: 'imp', params: { rounds, rates: { conv, fc: 0.2, output: 0.1 }, scope: 'layerwise', reset: 'init' } },
      controls: ['reinit', 'random-mask'],
    },
  })),
];

export function getPreset(id: string): Preset {
  const p = presets.find((x) => x.id === id);
  if (!p) throw new UnknownIdError('preset', id, presets.map((x) => x.id));
  return p;
}
