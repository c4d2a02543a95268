import { describe, expect, it } from 'vitest';
import { initWeights } from './init';
import { getModel } from './model';

const model = getModel('lenet300');
const stats = (v: Float32Array) => {
  let s = 0;
  let s2 = 0;
  let max = 0;
  for (const x of v) {
    s += x;
    s2 += x * x;
    max = Math.max(max, Math.abs(x));
  }
  const mean = s / v.length;
  return { mean, std: Math.sqrt(s2 / v.length - mean * mean), max };
};

describe('initialisation schemes', () => {
  it('Glorot-normal (LTH): std √(2/(fanIn+fanOut)), zero biases', () => {
    const w = initWeights(model, 1, 'init', 'glorot-normal');
    expect(stats(w['fc1/kernel']).std).toBeCloseTo(Math.sqrt(2 / (784 + 300)), 3);
    expect(w['fc1/bias'].every((b) => b === 0)).toBe(true);
  });

  it('Kaiming-normal (open_lth): std √(2/fanIn), biases U(±1/√fanIn) as PyTorch leaves them', () => {
    const w = initWeights(model, 1, 'init', 'kaiming-normal');
    expect(stats(w['fc1/kernel']).std / Math.sqrt(2 / 784)).toBeCloseTo(1, 2);
    expect(stats(w['fc2/kernel']).std / Math.sqrt(2 / 300)).toBeCloseTo(1, 1);
    const b = stats(w['fc1/bias']);
    expect(b.max).toBeLessThanOrEqual(1 / Math.sqrt(784));
    // U(−a, a) has std a/√3.
    expect(b.std / (1 / Math.sqrt(784) / Math.sqrt(3))).toBeGreaterThan(0.85);
    expect(b.std / (1 / Math.sqrt(784) / Math.sqrt(3))).toBeLessThan(1.15);
  });

  it('Kaiming-uniform (open_lth): weights U(±√(6/fanIn)), the same bias rule', () => {
    const w = initWeights(model, 1, 'init', 'kaiming-uniform');
    const s = stats(w['fc1/kernel']);
    const bound = Math.sqrt(6 / 784);
    expect(s.max).toBeLessThanOrEqual(bound);
    expect(s.max).toBeGreaterThan(0.99 * bound);
    expect(s.std / (bound / Math.sqrt(3))).toBeCloseTo(1, 2);
    expect(stats(w['out/bias']).max).toBeLessThanOrEqual(1 / Math.sqrt(100));
    expect(w['out/bias'].some((b) => b !== 0)).toBe(true);
  });

  it('conv layers use fanIn = 9·in-channels for weights and biases', () => {
    const conv = getModel('conv2');
    const w = initWeights(conv, 3, 'init', 'kaiming-normal');
    expect(stats(w['conv2/kernel']).std / Math.sqrt(2 / (9 * 64))).toBeCloseTo(1, 1);
    expect(stats(w['conv2/bias']).max).toBeLessThanOrEqual(1 / Math.sqrt(9 * 64));
  });

  it('every scheme is reproducible from the seed and differs between seeds', () => {
    for (const scheme of ['glorot-normal', 'kaiming-normal', 'kaiming-uniform'] as const) {
      const a = initWeights(model, 5, 'init', scheme);
      const b = initWeights(model, 5, 'init', scheme);
      const c = initWeights(model, 6, 'init', scheme);
      expect(a['fc2/kernel']).toEqual(b['fc2/kernel']);
      expect(a['fc2/bias']).toEqual(b['fc2/bias']);
      expect(a['fc2/kernel']).not.toEqual(c['fc2/kernel']);
    }
  });
});
