import { describe, expect, it } from 'vitest';
import { SPARSE_BELOW_DENSITY } from '../sparse/policy';
import { denseEquivalent, denseSamplesPerSec, SPARSE_STEP_COST, stepCost } from './sparseSpeed';

const mlp = { modelClass: 'mlp', sparseKernels: true } as const;
const conv = { modelClass: 'conv', sparseKernels: true } as const;

describe('step cost against density', () => {
  it('is 1 off the sparse route and at or above the crossover', () => {
    for (const d of [1, 0.5, 0.02]) expect(stepCost(d, null)).toBe(1);
    expect(stepCost(0.02, { modelClass: 'mlp', sparseKernels: false })).toBe(1);
    expect(stepCost(SPARSE_BELOW_DENSITY, mlp)).toBe(1);
    expect(stepCost(1, conv)).toBe(1);
  });

  it('takes the measured points where measured and falls with density between them', () => {
    for (const [route, table] of [[mlp, SPARSE_STEP_COST.mlp], [conv, SPARSE_STEP_COST.conv]] as const) {
      for (const [d, c] of table) if (d < SPARSE_BELOW_DENSITY) expect(stepCost(d, route)).toBeCloseTo(c, 10);
      const grid = [0.7, 0.5, 0.3, 0.2, 0.12, 0.1, 0.05, 0.03, 0.02, 0.01, 0.001];
      const costs = grid.map((d) => stepCost(d, route));
      costs.forEach((c, i) => i > 0 && expect(c, `${route.modelClass} at ${grid[i]}`).toBeLessThanOrEqual(costs[i - 1] + 1e-12));
      // Below the sparsest measured point the cost is held, never extrapolated towards zero.
      expect(stepCost(0.001, route)).toBe(table[table.length - 1][1]);
    }
    // Only the fully-connected layers of a conv net go sparse: it gains less than an MLP.
    expect(stepCost(0.02, conv)).toBeGreaterThan(stepCost(0.02, mlp));
    expect(stepCost(0.02, conv)).toBeLessThan(1);
  });

  it('prices work in dense equivalents and turns a sparse speed back into a dense one', () => {
    const work = [{ density: 1, samples: 1000, evalSamples: 300 }, { density: 0.05, samples: 1000, evalSamples: 300 }];
    expect(denseEquivalent(work, null)).toEqual({ samples: 2000, evalSamples: 600 });
    const c = stepCost(0.05, mlp);
    expect(denseEquivalent(work, mlp)).toEqual({ samples: 1000 + 1000 * c, evalSamples: 300 + 300 * c });
    expect(denseSamplesPerSec(12_000, 0.05, mlp)).toBeCloseTo(12_000 * c, 6);
    expect(denseSamplesPerSec(12_000, 0.05, null)).toBe(12_000);
  });
});
