import { describe, expect, it } from 'vitest';
import { cosineDecay, cubicSparsity, intervalSteps, riglDropFraction } from './schedules';

describe('Zhu–Gupta cubic schedule (algorithms.md §6a, check 9)', () => {
  const at = (si: number) => Array.from({ length: 11 }, (_, i) => cubicSparsity(i * 100, { initialSparsity: si, finalSparsity: 0.9, t0: 0, tf: 1000 }));

  it('reproduces the dense-to-sparse example sequence', () => {
    const expected = [0, 0.244, 0.439, 0.591, 0.706, 0.787, 0.842, 0.876, 0.893, 0.899, 0.9];
    at(0).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 3));
  });

  it('reproduces the s_i = 0.5 example sequence', () => {
    const expected = [0.5, 0.608, 0.695, 0.763, 0.814, 0.85, 0.874, 0.889, 0.897, 0.9, 0.9];
    at(0.5).forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(6e-4));
  });

  it('is monotone, starts at s_i and ends at s_f', () => {
    const s = { initialSparsity: 0.2, finalSparsity: 0.98, t0: 37, tf: 911 };
    let prev = -1;
    for (let t = 0; t <= 1200; t++) {
      const v = cubicSparsity(t, s);
      expect(v).toBeGreaterThanOrEqual(prev);
      prev = v;
    }
    expect(cubicSparsity(37, s)).toBe(0.2);
    expect(cubicSparsity(911, s)).toBe(0.98);
    expect(cubicSparsity(5000, s)).toBe(0.98);
  });
});

describe('rates', () => {
  it('RigL drop fraction: α at 0, α/2 at T/2, 0 at T and after (check 11)', () => {
    expect(riglDropFraction(0, 0.3, 1000)).toBeCloseTo(0.3, 12);
    expect(riglDropFraction(500, 0.3, 1000)).toBeCloseTo(0.15, 12);
    expect(riglDropFraction(1000, 0.3, 1000)).toBeCloseTo(0, 12);
    expect(riglDropFraction(1001, 0.3, 1000)).toBe(0);
  });

  it('cosine decay goes from r0 to r_min monotonically', () => {
    expect(cosineDecay(0, 100, 0.5, 0.005)).toBe(0.5);
    expect(cosineDecay(50, 100, 0.5, 0.005)).toBeCloseTo(0.2525, 10);
    expect(cosineDecay(100, 100, 0.5, 0.005)).toBe(0.005);
    for (let t = 1; t <= 100; t++) expect(cosineDecay(t, 100, 0.5, 0.005)).toBeLessThanOrEqual(cosineDecay(t - 1, 100, 0.5, 0.005));
  });

  it('intervals scale with the budget and never reach 0', () => {
    expect(intervalSteps(0.05, 400)).toBe(20);
    expect(intervalSteps(0.05, 10)).toBe(1);
  });
});
