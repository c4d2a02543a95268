/**
 * The page's teaching text, kept as data: what each chart shows, what a class
 * should expect to see, and plain-language help for every setting. Methods
 * describe themselves (label, summary, paper, and `teaching`: what their
 * results look like, what to expect, help for their own fields) in their
 * engine files; the page reads those (see also methodText.ts).
 */

import { methods } from '../../engine/spec';

export interface Explanation {
  what: string;
  expect: string;
  /** The paper the chart reproduces, if any. */
  paper?: { label: string; url: string };
}

const LTH = { label: 'Frankle & Carbin, ICLR 2019', url: 'https://arxiv.org/abs/1803.03635' };

export const CHARTS: Record<string, Explanation> = {
  lottery: {
    what: 'Each point is one trained network. Left is the full network (100 % of weights); further right, fewer weights survive (log scale). Height is test accuracy at the early-stopping iteration, where validation loss was lowest.',
    expect: 'The winning ticket (solid line) keeps the dense accuracy down to a few percent of the weights. The same mask with freshly drawn weights (dashed) falls away much sooner: the lucky initial values matter, not only the wiring.',
    paper: LTH,
  },
  curves: {
    what: 'Test accuracy and training loss while each round trains, one line per round. Darker lines are sparser networks.',
    expect: 'Moderately pruned tickets learn faster than the dense network (their accuracy rises earlier); very sparse ones learn more slowly and level off lower.',
    paper: LTH,
  },
  earlyStop: {
    what: 'The iteration at which validation loss was lowest, for each round: a measure of how fast a network learns.',
    expect: 'For lottery tickets it first falls as weights are removed (tickets train faster), then climbs again at extreme sparsity; randomly re-initialised networks stop later. This needs a budget long enough for the validation loss to reach its minimum and rise again — the quick lottery-ticket preset trains on 10,000 images for 2,000 iterations so that it does (there the tickets clearly stop before the re-initialised networks, while dense against moderately pruned tickets is within the noise of one run); on other short budgets the minimum is simply the last evaluation, and the chart says so.',
    paper: LTH,
  },
  layers: {
    what: 'The share of each layer’s weights that survives in the newest mask.',
    expect: 'Layer-wise IMP prunes the output layer at half the rate of the hidden layers (the paper: 20 % of each hidden layer and 10 % of the output layer per round). ERK keeps small layers denser. Global methods let the biggest layer (the first) give up the most.',
  },
  input: {
    what: 'One square per input pixel: how many of its connections into the first hidden layer survive. Dark means kept, white means pruned.',
    expect: 'MNIST’s border pixels are always blank, so their weights never grow and magnitude pruning removes them first: a digit-shaped window appears. A random mask shows no pattern.',
  },
  layerMaps: {
    what: 'Each layer’s mask squeezed into a small grid (rows: inputs, columns: outputs). Dark cells are blocks where most connections survive.',
    expect: 'Structure shows up as stripes: whole inputs (rows) or whole units (columns) that lose all their connections.',
  },
  histogram: {
    what: 'The values of the surviving weights after the round trained. The red bar counts the pruned weights, held at exactly zero.',
    expect: 'Magnitude pruning removes the weights closest to zero, so a gap opens in the middle of the distribution, round after round, and the red share grows.',
  },
};

/**
 * What to expect from each method: read from the method's own engine entry
 * (`teaching.expect` in src/engine/methods/*.ts), the one place to edit it.
 */
export const METHOD_EXPECTATIONS: Record<string, string> = Object.fromEntries(
  Object.entries(methods).map(([id, m]) => [id, m.teaching.expect]),
);

/** Plain-language help for settings, by field name (method params first look up `method.field`). */
const FIELD_HELP: Record<string, string> = {
  // Training
  optimizer: 'How weights are updated. Adam is forgiving; SGD with momentum is what most papers on CIFAR use.',
  lr: 'Learning rate: the size of each update. Too high and the loss explodes (the run pauses itself); too low and learning crawls.',
  momentum: 'For SGD with momentum: how much of the previous update carries over (0.9 is usual).',
  weightDecay: 'Pulls every weight a little toward zero each step (L2 regularisation). 0 switches it off.',
  batchSize: 'Images per training step. Larger batches give smoother but fewer updates per epoch.',
  iterations: 'Training steps in each round (the lottery-ticket paper uses 50,000; the quick presets use far fewer).',
  evalEvery: 'Measure validation and test accuracy every this many steps: the points on the curves.',
  seed: 'Fixes the initial weights, the data order and every random choice: the same seed gives the same masks on any backend.',
  trainSubset: 'Train on only this many images (empty: all 55,000). Smaller is faster and less accurate.',
  valSize: 'Images held out of training to pick the early-stopping iteration. Each evaluation runs on all of them: fewer is quicker.',
  testSubset: 'Evaluate on only the first this many test images (empty: all 10,000). For a lecture on a CPU, 1,000 here and in the validation size makes evaluation about 7× quicker, with rougher curves.',
  controls: 'Lottery-ticket controls trained at every pruned round: the same mask with new random weights, and a random mask of the same size.',
  // Method parameters
  rounds: 'How many times to prune (after the first, dense round).',
  rates: 'Share of the surviving weights removed in each round, by kind of layer.',
  'rates.conv': 'Per round, for convolution layers.',
  'rates.fc': 'Per round, for hidden fully-connected layers (the paper: 20 %).',
  'rates.output': 'Per round, for the output layer (the paper: 10 %; it is small, so prune it gently).',
  scope: 'Layer-wise: every layer loses the same share. Global: one threshold over all weights, so big layers lose more.',
  globalRate: 'With global scope: share of all surviving weights removed per round.',
  targetDensities: 'Instead of a fixed rate: the overall density to prune to in each round, e.g. 0.2, 0.05, 0.02.',
  reset: 'What the survivors restart from: their initial values (the lottery ticket), their values at iteration k (rewinding), or the trained values.',
  rewindStep: 'k: the iteration whose weights the survivors are reset to when rewinding (0 = the initial values).',
  density: 'Fraction of the prunable weights kept: 0.02 means 98 % sparsity.',
  distribution: 'How the weight budget is spread over layers: uniform (same density everywhere), ERK (small layers denser) or uniform+ (output layer at least 20 %).',
  batches: 'Mini-batches whose average gradient scores the connections (the paper: one).',
  independentInit: 'Train the chosen mask from a fresh draw of weights, as in the SNIP paper.',
  pruneStart: 'When gradual pruning begins, as a fraction of training.',
  pruneEnd: 'When the target density is reached, as a fraction of training.',
  interval: 'How often the mask is updated, as a fraction of training.',
  initialDensity: '1: start dense (dense→sparse). Below 1: start from a random sparse mask at this density (sparse→sparse).',
  initDistribution: 'Layer densities of the starting random mask (sparse→sparse only).',
  regrowth: 'Share of each layer’s connections swapped at the first mask update; it decays to the minimum by a cosine.',
  regrowthMin: 'The swap share at the end of training.',
  alpha: 'RigL’s initial drop fraction, decayed to zero by a cosine.',
  end: 'When RigL stops changing the mask, as a fraction of training.',
  score: 'Rank weights by magnitude, or by LAMP’s layer-normalised score.',
  rate: 'Share of the surviving weights removed each round.',
};

export function fieldHelp(name: string, methodId?: string): string | undefined {
  const own = methodId && Object.prototype.hasOwnProperty.call(methods, methodId) ? methods[methodId].teaching.fieldHelp : undefined;
  return (own && Object.prototype.hasOwnProperty.call(own, name) ? own[name] : undefined) || (methodId && FIELD_HELP[`${methodId}.${name}`]) || FIELD_HELP[name];
}

export const SERIES_NAMES: Record<string, string> = {
  trunk: 'ticket',
  reinit: 'random re-init',
  'random-mask': 'random mask',
};
