import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../experiment/config';
import { initWeights } from '../models/init';
import { getModel } from '../models/model';
import { denseMasks, overallDensity, type Masks } from '../pruning/masks';
import { Rng } from '../util/rng';
import { impPrune } from './imp';
import { parseMethodParams } from './registry';

/** algorithms.md §11 checks 2 and 3, on LeNet-300-100 with random "trained" weights. */
describe('IMP layer-wise ladder', () => {
  const model = getModel('lenet300');
  const config = parseRunConfig({});
  const params = parseMethodParams('imp', { rates: { conv: 0.1, fc: 0.2, output: 0.1 } }) as never;

  it('gives Pm = 51.3 / 21.1 / 13.5 / 7.0 / 3.6 / 2.9 / 1.9 % after rounds 3 / 7 / 9 / 12 / 15 / 16 / 18, masks only shrinking', () => {
    const expected: Record<number, number> = { 3: 51.3, 7: 21.1, 9: 13.5, 12: 7.0, 15: 3.6, 16: 2.9, 18: 1.9 };
    let masks: Masks = denseMasks(model);
    for (let round = 1; round <= 18; round++) {
      const weights = initWeights(model, round); // stand-in for the weights a round of training reached
      const next = impPrune({ model, config, weights, masks, rng: new Rng(round) }, params, round - 1);
      for (const name of Object.keys(masks)) {
        for (let i = 0; i < masks[name].length; i++) if (next[name][i] > masks[name][i]) throw new Error(`mask grew back at ${name}[${i}]`);
      }
      masks = next;
      if (expected[round] !== undefined) expect(Math.abs(overallDensity(masks) * 100 - expected[round])).toBeLessThanOrEqual(0.05);
    }
  });

  it('prunes the output layer at half the hidden rate', () => {
    const masks = impPrune({ model, config, weights: initWeights(model, 1), masks: denseMasks(model), rng: new Rng(1) }, params, 0);
    expect(masks['fc1/kernel'].reduce((a, b) => a + b, 0)).toBe(235_200 * 0.8);
    expect(masks['out/kernel'].reduce((a, b) => a + b, 0)).toBe(900);
  });

  it('global targets hit each density exactly', () => {
    const p = parseMethodParams('imp', { targetDensities: [0.5, 0.1] }) as never;
    let masks = denseMasks(model);
    for (const [round, target] of [0.5, 0.1].entries()) {
      masks = impPrune({ model, config, weights: initWeights(model, 7), masks, rng: new Rng(1) }, p, round);
      expect(Math.abs(overallDensity(masks) - target)).toBeLessThan(1e-5);
    }
  });

  it("global scope with the output layer excluded (open_lth's sparse_global with pruning_layers_to_ignore = fc.weight)", () => {
    const p = parseMethodParams('imp', { scope: 'global', globalRate: 0.2, exclude: ['output'] }) as never;
    let masks = denseMasks(model);
    for (let round = 0; round < 5; round++) {
      const alive = Object.values(masks).reduce((n, m) => n + m.reduce((a, b) => a + b, 0), 0);
      const next = impPrune({ model, config, weights: initWeights(model, 20 + round), masks, rng: new Rng(1) }, p, round);
      const after = Object.values(next).reduce((n, m) => n + m.reduce((a, b) => a + b, 0), 0);
      // The count is 20 % of ALL survivors (the excluded layer's too), taken from the other layers only.
      expect(alive - after).toBe(Math.ceil(0.2 * alive));
      expect(next['out/kernel'].reduce((a, b) => a + b, 0)).toBe(1000);
      masks = next;
    }
  });

  it('layer-wise exclude keeps the role dense whatever its rate', () => {
    const p = parseMethodParams('imp', { exclude: ['output'] }) as never;
    const masks = impPrune({ model, config, weights: initWeights(model, 1), masks: denseMasks(model), rng: new Rng(1) }, p, 0);
    expect(masks['out/kernel'].reduce((a, b) => a + b, 0)).toBe(1000);
    expect(masks['fc2/kernel'].reduce((a, b) => a + b, 0)).toBe(30_000 * 0.8);
  });

  it('rejects unknown parameters with a message naming them', () => {
    expect(() => parseMethodParams('imp', { rate: 0.2 })).toThrow(/imp.*rate/);
  });
});
