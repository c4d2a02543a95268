import { describe, expect, it } from 'vitest';
import { getModel } from '../models/model';
import { prunableParams } from '../models/types';
import { allocateDensities, densitiesToCounts, erkDensities, uniformPlusDensities } from './allocation';

const lenet = prunableParams(getModel('lenet300'));
const conv2 = prunableParams(getModel('conv2'));
const N = 266_200;

describe('ERK allocation (algorithms.md §5, check 8)', () => {
  it.each([
    [0.1, [0.0796, 0.2302, 1.0]],
    [0.05, [0.0385, 0.1113, 0.9185]],
  ])('LeNet-300-100 at D = %s', (D, expected) => {
    const d = erkDensities(lenet, D);
    const got = lenet.map((l) => d[l.name]);
    got.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(5e-4));
    for (const v of got) expect(v).toBeLessThanOrEqual(1);
    const counts = densitiesToCounts(lenet, d);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(Math.abs(total - D * N)).toBeLessThanOrEqual(lenet.length);
    for (const l of lenet) {
      const size = l.shape[0] * l.shape[1];
      expect(Math.abs(counts[l.name] - d[l.name] * size)).toBeLessThanOrEqual(1);
    }
  });

  it('matches the table row at D = 0.02 and Conv-2 at 0.1', () => {
    const d = erkDensities(lenet, 0.02);
    [0.0154, 0.0445, 0.367].forEach((v, i) => expect(Math.abs(d[lenet[i].name] - v)).toBeLessThanOrEqual(5e-4));
    const c = erkDensities(conv2, 0.1);
    const got = conv2.map((l) => c[l.name]);
    [1.0, 0.0895, 0.0977, 0.192, 1.0].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 3));
  });

  it('is dense everywhere at D = 1', () => {
    expect(Object.values(erkDensities(lenet, 1))).toEqual([1, 1, 1]);
  });
});

describe('uniform and uniform+', () => {
  it('uniform gives every layer D', () => {
    expect(Object.values(allocateDensities('uniform', lenet, 0.02))).toEqual([0.02, 0.02, 0.02]);
  });

  it('uniform+ keeps the output ≥ 20 % and rescales the rest to the total', () => {
    const d = uniformPlusDensities(lenet, 0.02);
    expect(d['out/kernel']).toBe(0.2);
    expect(d['fc1/kernel']).toBeCloseTo(d['fc2/kernel'], 12);
    const total = lenet.reduce((n, l) => n + d[l.name] * l.shape[0] * l.shape[1], 0);
    expect(total).toBeCloseTo(0.02 * N, 6);
    // Above the floor nothing is special-cased.
    expect(Object.values(uniformPlusDensities(lenet, 0.5))).toEqual([0.5, 0.5, 0.5]);
  });

  it('uniform+ keeps the first conv layer dense', () => {
    const d = uniformPlusDensities(conv2, 0.05);
    expect(d[conv2[0].name]).toBe(1);
    expect(d[conv2[conv2.length - 1].name]).toBe(0.2);
    const sizes = conv2.map((l) => l.shape.reduce((a, b) => a * b, 1));
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(conv2.reduce((n, l, i) => n + d[l.name] * sizes[i], 0)).toBeCloseTo(0.05 * total, 4);
  });
});

describe('densitiesToCounts', () => {
  it('hits round(D·N) exactly with at most one extra weight per layer', () => {
    for (const D of [0.2, 0.1, 0.05, 0.02, 0.013]) {
      for (const dist of ['uniform', 'erk', 'uniform-plus'] as const) {
        const counts = densitiesToCounts(lenet, allocateDensities(dist, lenet, D));
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(Math.round(D * N));
      }
    }
  });
});
