import { describe, expect, it } from 'vitest';
import { getPreset } from '../../engine/presets';
import { withOverrides } from './configSlice';

describe('URL overrides on presets', () => {
  it('an iteration budget replaces an epoch budget, and an instability analysis keeps its k at the same fraction', () => {
    const olth = withOverrides(getPreset('open-lth-lenet').config, { iterations: 50 });
    expect(olth.training?.iterations).toBe(50);
    expect(olth.training?.epochs).toBeUndefined();
    const lmc = withOverrides(getPreset('why-rewinding-works').config, { iterations: 40 });
    expect(lmc.lmc?.ks).toEqual([0, 1, 4, 10]);
  });
});
