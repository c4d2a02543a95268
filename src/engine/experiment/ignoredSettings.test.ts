import { describe, expect, it } from 'vitest';
import { presets } from '../presets';
import { CompareSpecSchema, planComparison } from './compare';
import { normaliseConfig } from './normalise';
import { assertNoIgnoredSettings, ignoredSettings } from './ignoredSettings';

const paths = (input: unknown) => ignoredSettings(normaliseConfig(input), new Set(['fc', 'output'] as const)).map((s) => s.path);

describe('settings the run would ignore', () => {
  it('global IMP refuses per-layer rates (the issue: --scope global --rate-output 0) and points to exclude', () => {
    const config = normaliseConfig({ method: { id: 'imp', params: { scope: 'global', rates: { output: 0 } } } });
    expect(() => assertNoIgnoredSettings(config)).toThrow(/rates\.output.*exclude/);
    expect(paths({ method: { id: 'imp', params: { scope: 'global', exclude: ['output'] } } })).toEqual([]);
  });

  it('flags layer-wise globalRate, reset-to-init rewindStep and a conv rate on an MLP', () => {
    expect(paths({ method: { id: 'imp', params: { globalRate: 0.3 } } })).toEqual(['method.params.globalRate']);
    expect(paths({ method: { id: 'imp', params: { rewindStep: 100 } } })).toEqual(['method.params.rewindStep']);
    expect(paths({ method: { id: 'imp', params: { rates: { conv: 0.3 } } } })).toEqual(['method.params.rates.conv']);
  });

  it('flags momentum under plain SGD, iterations beside epochs, and controls on a one-round method', () => {
    expect(paths({ training: { optimizer: 'sgd', momentum: 0.5 } })).toEqual(['training.momentum']);
    expect(paths({ training: { epochs: 2, iterations: 500 } })).toEqual(['training.iterations']);
    expect(paths({ method: { id: 'snip', params: {} }, controls: ['reinit'] })).toEqual(['controls']);
  });

  it('leaves defaults alone: a setting at its default value was not chosen', () => {
    expect(paths({ training: { optimizer: 'sgd' } })).toEqual([]);
    expect(paths({ method: { id: 'imp', params: { scope: 'global' } } })).toEqual([]);
  });

  it('no preset sets anything its method ignores', () => {
    for (const p of presets) {
      expect(ignoredSettings(normaliseConfig(p.config)), p.id).toEqual([]);
      if (!p.compare) continue;
      const { method: _m, ...base } = p.config;
      const plan = planComparison(CompareSpecSchema.parse({ base, methods: p.compare.methods, densities: p.compare.densities, seeds: [0], params: p.compare.params ?? {} }));
      for (const run of plan) expect(ignoredSettings(normaliseConfig(run.config)), `${p.id}: ${run.method}`).toEqual([]);
    }
  });
});
