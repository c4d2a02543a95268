import { describe, expect, it } from 'vitest';
import { getPreset } from '../../engine/presets';
import { parseUrlOptions } from '../pure/url';
import { withOverrides } from './configState';
import { createPageStore } from './pageStore';

describe('URL overrides on presets', () => {
  it('an iteration budget replaces an epoch budget, and an instability analysis keeps its k at the same fraction', () => {
    const olth = withOverrides(getPreset('open-lth-lenet').config, { iterations: 50 });
    expect(olth.training?.iterations).toBe(50);
    expect(olth.training?.epochs).toBeUndefined();
    const lmc = withOverrides(getPreset('why-rewinding-works').config, { iterations: 40 });
    expect(lmc.lmc?.ks).toEqual([0, 1, 4, 10]);
  });

  it('applies the overrides on top of the preset', () => {
    const store = createPageStore(parseUrlOptions('?preset=tiny-test&iterations=30&trainSubset=500&seed=9'));
    const d = store.getState().draft;
    expect(d.training?.iterations).toBe(30);
    expect(d.data?.trainSubset).toBe(500);
    expect(d.seed).toBe(9);
    expect(d.training?.batchSize).toBe(32);
  });
});
