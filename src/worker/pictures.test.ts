import { describe, expect, it } from 'vitest';
import { modelSpec } from '../engine/models/registry';
import { denseMasks } from '../engine/pruning/masks';
import { inputDensityMap, layerDensityMap, quantise, roundPictures, weightHistogram } from './pictures';

const model = modelSpec('t', 'test', { kind: 'mlp', hidden: [3] }, [2, 2, 1], 2); // 4 inputs → 3 hidden → 2 outputs

describe('sparsity pictures', () => {
  it('counts surviving first-layer connections per input pixel', () => {
    const masks = denseMasks(model);
    // Pixel 0 loses all 3 connections, pixel 1 loses one.
    masks['fc1/kernel'].set([0, 0, 0, 1, 1, 0], 0);
    const map = inputDensityMap(model, masks)!;
    expect(map).toMatchObject({ h: 2, w: 2, rows: 4, cols: 3, max: 1 });
    expect(Array.from(map.cells)).toEqual([0, 170, 255, 255]);
  });

  it('has no per-pixel map for a conv first layer', () => {
    const conv = { ...model, params: [{ name: 'c/kernel', shape: [3, 3, 1, 4], prunable: true, role: 'conv' as const, init: { kind: 'weight' as const, fanIn: 1, fanOut: 1 } }] };
    expect(inputDensityMap(conv, { 'c/kernel': new Uint8Array(36).fill(1) })).toBeUndefined();
  });

  it('scales a sparse map to its densest cell so the pattern stays visible', () => {
    const q = quantise(Float64Array.from([0.01, 0.02, 0]));
    expect(q.max).toBe(0.02);
    expect(Array.from(q.cells)).toEqual([128, 255, 0]);
    expect(Array.from(quantise(new Float64Array(2)).cells)).toEqual([0, 0]);
  });

  it('downsamples a big layer into at most maxCells blocks a side, averaging each block', () => {
    const spec = { name: 'fc/kernel', shape: [100, 10], prunable: true, role: 'fc' as const, init: { kind: 'weight' as const, fanIn: 1, fanOut: 1 } };
    const mask = new Uint8Array(1000);
    for (let r = 0; r < 50; r++) mask.fill(1, r * 10, r * 10 + 10); // top half kept
    const map = layerDensityMap(spec, mask, 20);
    expect(map.h).toBeLessThanOrEqual(20);
    expect(map.w).toBe(10);
    expect(map.cells[0]).toBe(255);
    expect(map.cells[map.cells.length - 1]).toBe(0);
  });

  it('histograms the survivors and counts the pruned weights separately', () => {
    const masks = denseMasks(model);
    const weights = {
      'fc1/kernel': Float32Array.from([-1, -0.5, 0, 0.5, 1, 0.25, 0.1, -0.1, 0.3, -0.3, 0.7, -0.7]),
      'fc1/bias': new Float32Array(3),
      'out/kernel': Float32Array.from([0.9, -0.9, 0, 0, 0, 0]),
      'out/bias': new Float32Array(2),
    };
    masks['out/kernel'].set([1, 1, 0, 0, 0, 0]);
    const h = weightHistogram(model, weights, masks, 4);
    expect(h).toMatchObject({ limit: 1, pruned: 4, total: 18 });
    expect(h.kept.reduce((a, b) => a + b, 0)).toBe(14);
    const all = roundPictures(model, weights, masks, { series: 'trunk', round: 2, phase: 'end' });
    expect(all.density).toBeCloseTo(14 / 18);
    expect(all.layers.map((l) => l.name)).toEqual(['fc1/kernel', 'out/kernel']);
  });
});
