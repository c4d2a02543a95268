import { describe, expect, it } from 'vitest';
import { nnz, overallDensity, type Masks } from './masks';
import { countToDensity, magnitudeScores, pruneCount, pruneGlobal, pruneLayerwise } from './pruneByCount';
import { highestK, lowestK } from './topk';

const idx = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

describe('top-k selection', () => {
  it('picks exactly k, breaking ties deterministically by index', () => {
    const scores = new Float32Array([1, 1, 1, 1, 0.5, 2]);
    // Lowest 3: 0.5 (index 4), then ties at 1 resolved higher index first: 3, 2.
    expect([...lowestK(scores, idx(6), 3)].sort()).toEqual([2, 3, 4]);
    // Highest 2: 2 (index 5), then the tie at 1 resolved lower index first: 0.
    expect([...highestK(scores, idx(6), 2)].sort()).toEqual([0, 5]);
  });

  it('treats NaN scores as least important', () => {
    expect([...lowestK(new Float32Array([3, NaN, 1]), idx(3), 1)]).toEqual([1]);
  });
});

describe('magnitude pruning (algorithms.md §11 check 4)', () => {
  const masks = (): Masks => ({ a: new Uint8Array(10).fill(1), b: new Uint8Array(5).fill(1) });
  const weights = { a: Float32Array.from([5, -4, 3, -2, 1, 0.5, -0.1, 6, 7, 8]), b: Float32Array.from([0.2, 0.3, -9, 9, 0.01]) };

  it('removes exactly ceil(f·nnz) surviving weights per layer, smallest |w| first', () => {
    const out = pruneLayerwise(magnitudeScores(weights, masks()), masks(), { a: pruneCount(0.2, 10), b: pruneCount(0.2, 5) });
    expect(nnz(out.a)).toBe(8);
    expect(nnz(out.b)).toBe(4);
    expect(out.a[6]).toBe(0);
    expect(out.a[5]).toBe(0);
    expect(out.b[4]).toBe(0);
  });

  it('global pruning ranks across layers and leaves ignored layers alone', () => {
    const out = pruneGlobal(magnitudeScores(weights, masks()), masks(), 3);
    expect(nnz(out.a) + nnz(out.b)).toBe(12);
    expect([out.b[4], out.a[6], out.b[0]]).toEqual([0, 0, 0]);
    const ignored = pruneGlobal(magnitudeScores(weights, masks()), masks(), 3, ['b']);
    expect(nnz(ignored.b)).toBe(5);
    expect(nnz(ignored.a)).toBe(7);
  });

  it('thresholds on survivors only: a pruned zero weight is not counted again', () => {
    const m = masks();
    m.a[9] = 0; // a large weight already pruned
    const out = pruneLayerwise(magnitudeScores(weights, m), m, { a: 2 });
    expect(nnz(out.a)).toBe(7);
    expect(out.a[9]).toBe(0);
  });

  it('countToDensity reaches the target overall density', () => {
    const m = masks();
    const out = pruneGlobal(magnitudeScores(weights, m), m, countToDensity(m, 0.4));
    expect(overallDensity(out)).toBeCloseTo(6 / 15, 10);
  });

  it('rejects rates outside [0, 1]', () => {
    expect(() => pruneCount(1.5, 10)).toThrow(/\[0, 1\]/);
  });
});
