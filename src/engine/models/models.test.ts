import { describe, expect, it } from 'vitest';
import { initWeights } from './init';
import { getModelSpec } from './registry';
import { countPrunable, prunableParams, sizeOf } from './types';

/** algorithms.md §11 check 1: prunable weight counts (biases excluded). */
describe('model weight counts (LTH Fig. 2)', () => {
  it.each([
    ['lenet300', 266_200, 0],
    ['conv2', 4_300_992, 38_592],
    ['conv4', 2_425_024, 259_776],
    // The paper prints "1.7M" for Conv-6; its own architecture gives 2,261,184.
    ['conv6', 2_261_184, 1_144_512],
  ])('%s has %i prunable weights (%i in conv layers)', (id, total, conv) => {
    const m = getModelSpec(id);
    expect(countPrunable(m)).toBe(total);
    const convCount = prunableParams(m).filter((p) => p.role === 'conv').reduce((n, p) => n + sizeOf(p.shape), 0);
    expect(convCount).toBe(conv);
  });

  it('LeNet-300-100 has 410 biases, none prunable, and names its output layer', () => {
    const m = getModelSpec('lenet300');
    const biases = m.params.filter((p) => !p.prunable);
    expect(biases.reduce((n, p) => n + sizeOf(p.shape), 0)).toBe(410);
    expect(prunableParams(m).filter((p) => p.role === 'output').map((p) => p.name)).toEqual(['out/kernel']);
  });

  it('initialises with Glorot-normal std and zero biases, reproducibly', () => {
    const m = getModelSpec('lenet300');
    const a = initWeights(m, 1);
    const b = initWeights(m, 1);
    const c = initWeights(m, 2);
    expect(a['fc1/kernel']).toEqual(b['fc1/kernel']);
    expect(a['fc1/kernel']).not.toEqual(c['fc1/kernel']);
    expect(a['fc1/bias'].every((v) => v === 0)).toBe(true);
    const w = a['fc1/kernel'];
    const std = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    expect(std).toBeCloseTo(Math.sqrt(2 / (784 + 300)), 3);
  });
});
