import { methods, type MethodTeaching } from '../../engine/spec';
import { CHARTS, type Explanation } from './text';

/**
 * Chart captions that fit the method on screen. Each method's own "what am I
 * looking at / what should I expect" lives in its engine file (teaching);
 * here it is combined with what the chart itself shows.
 */
const teachingOf = (id: string): MethodTeaching | undefined =>
  Object.prototype.hasOwnProperty.call(methods, id) ? methods[id].teaching : undefined;

const firstSentence = (s: string) => s.match(/^.*?[.!?](\s|$)/)?.[0].trim() ?? s;

/** Methods with pruned rounds, whose chart has the LTH controls beside it. */
const roundBased = (id: string) => Object.prototype.hasOwnProperty.call(methods, id) && methods[id].afterRound !== undefined;

export function lotteryExplanation(methodIds: string[]): Explanation {
  const ids = [...new Set(methodIds)];
  if (ids.length === 0 || (ids.length === 1 && ids[0] === 'imp')) return CHARTS.lottery;
  if (ids.length === 1) {
    const t = teachingOf(ids[0]);
    if (!t) return CHARTS.lottery;
    const points = roundBased(ids[0])
      ? 'Each point is one round\'s trained network; left is dense, further right fewer weights survive (log scale).'
      : 'Each point is the network at the end of one training, placed at the share of weights it ended with (log scale).';
    return { what: `${points} ${t.what}`, expect: t.expect };
  }
  return {
    what: 'One line per method; each point is the mean test accuracy over its seeds at one density, with a bar for ± one standard deviation when there are several seeds. Lines are nudged sideways around the true density (shown on hover) so no method\'s point hides another\'s. Dashed lines are lottery-ticket controls.',
    expect: ids.map((id) => {
      const t = teachingOf(id);
      return t ? `${methods[id].label}: ${firstSentence(t.expect)}` : '';
    }).filter(Boolean).join(' '),
  };
}

export function curvesExplanation(methodId: string | undefined): Explanation {
  const t = methodId ? teachingOf(methodId) : undefined;
  if (!t?.changesMaskDuringTraining) return CHARTS.curves;
  return {
    what: `Test accuracy and training loss during the single training. ${t.startsDense ? 'The network starts dense and is pruned as it trains' : 'The mask is rewired as it trains'}, so the line's label gives the density at the start and at the end.`,
    expect: t.startsDense
      ? 'Accuracy rises as in dense training, dips a little at each pruning step while the schedule is steep, and recovers once the target density is reached.'
      : 'Accuracy climbs as training goes on and the mask swaps weak connections for promising ones; the density stays where it started.',
  };
}

export const DENSITY_TRAINING: Explanation = {
  what: 'For methods that change the mask while training: the share of each layer\'s weights that is active at every mask update (left), and the share of the surviving weights that the update regrew (right).',
  expect: 'Gradual pruning (GMP, GraNet) follows the cubic schedule: steep at first, flattening toward the target; the first, largest layer loses the most under global scope. GraNet and RigL regrow a share that decays (cosine) toward zero, while the density stays on schedule: each regrown weight replaces a dropped one.',
  paper: { label: 'Liu et al., NeurIPS 2021', url: 'https://arxiv.org/abs/2106.10404' },
};

export const LMC: Explanation = {
  what: 'Left: test error along the straight line between two copies of the network, both trained to the end from the weights at iteration k but on different data orders (α = 0 is one copy, α = 1 the other); one line per k. Right: the error barrier for each k — the largest error on the line minus the mean error of the two ends.',
  expect: 'A barrier near 0 means the copies landed in one linearly connected valley: training from θk is stable to SGD noise, and IMP can find a ticket by rewinding to k. The paper found LeNet on MNIST stable already at k = 0 (so resetting to θ0 works), while ResNet-20 and VGG-16 on CIFAR-10 become stable only after some hundreds or thousands of iterations, which is why their tickets need rewinding.',
  paper: { label: 'Frankle, Dziugaite, Roy & Carbin, ICML 2020', url: 'https://arxiv.org/abs/1912.05671' },
};
