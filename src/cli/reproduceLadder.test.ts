import { describe, expect, it } from 'vitest';
import { normaliseConfig } from '../engine/experiment/normalise';
import { initWeights } from '../engine/models/init';
import { getModel } from '../engine/models/model';
import { denseMasks, nnz, overallDensity, type Masks } from '../engine/pruning/masks';
import { Rng } from '../engine/util/rng';
import { DEFAULT_BUDGET, impLadder, ladderPrune, LTH_LADDER, lthConfig, registerLadderMethod, survivorsAfter } from './reproduceLadder';

const model = getModel('lenet300');
const params = impLadder.schema.parse({});

describe('imp-ladder (the reproduction budget)', () => {
  it('lands on the LTH 20/20/10 ladder: 51.3 / 21.1 / 13.5 / 7.0 / 3.6 / 1.9 %', () => {
    let masks: Masks = denseMasks(model);
    const densities: number[] = [];
    for (let r = 0; r < LTH_LADDER.length; r++) {
      // Fresh random "trained" weights each round: the counts must not depend on the values.
      const weights = initWeights(model, 100 + r);
      const next = ladderPrune({ model, config: normaliseConfig({}), weights, masks, rng: new Rng(r) }, params, r);
      let grown = 0; // masks are monotone: nothing pruned comes back
      for (const name of Object.keys(masks)) for (let i = 0; i < next[name].length; i++) if (next[name][i] > masks[name][i]) grown++;
      expect(grown).toBe(0);
      masks = next;
      densities.push(Math.round(overallDensity(masks) * 1000) / 10);
    }
    expect(densities).toEqual([51.3, 21.1, 13.5, 7.0, 3.6, 1.9]);
  });

  it('removes exactly the weights the skipped rounds would have removed, per layer', () => {
    const masks = denseMasks(model);
    const next = ladderPrune({ model, config: normaliseConfig({}), weights: initWeights(model, 1), masks, rng: new Rng(1) }, params, 0);
    expect(nnz(next['fc1/kernel'])).toBe(survivorsAfter(235_200, 0.2, 3));
    expect(nnz(next['out/kernel'])).toBe(survivorsAfter(1000, 0.1, 3));
    // One jump of three rounds prunes the smallest magnitudes: every survivor is at least as large as every pruned weight.
    const w = initWeights(model, 1)['fc2/kernel'];
    let minKept = Infinity;
    let maxPruned = 0;
    next['fc2/kernel'].forEach((m, i) => (m ? (minKept = Math.min(minKept, Math.abs(w[i]))) : (maxPruned = Math.max(maxPruned, Math.abs(w[i])))));
    expect(maxPruned).toBeLessThanOrEqual(minKept);
  });

  it('builds a valid run config with both controls once registered', () => {
    registerLadderMethod();
    const c = normaliseConfig(lthConfig(2, DEFAULT_BUDGET));
    expect(c.method.id).toBe('imp-ladder');
    expect(c.controls).toEqual(['reinit', 'random-mask']);
    expect(c.training).toMatchObject({ optimizer: 'adam', lr: 1.2e-3, batchSize: 60, iterations: DEFAULT_BUDGET.iterations });
    expect(impLadder.rounds(params)).toBe(7);
  });
});
