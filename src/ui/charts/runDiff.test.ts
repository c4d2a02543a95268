import { describe, expect, it } from 'vitest';
import { differingSettings } from './runDiff';

describe('differingSettings', () => {
  it('names only what differs between overlaid runs', () => {
    const a = { model: 'lenet300', seed: 0, training: { iterations: 300 }, method: { id: 'imp', params: { reset: 'rewind', rewindStep: 200 } } };
    const b = { model: 'lenet300', seed: 0, training: { iterations: 500 }, method: { id: 'imp', params: { reset: 'init' } } };
    expect(differingSettings([a, b])).toEqual(['k=200 · rewind · 300 its', 'no rewindStep · reset to θ0 · 500 its']);
  });

  it('says nothing for identical runs', () => {
    expect(differingSettings([{ seed: 1 }, { seed: 1 }])).toEqual(['', '']);
  });
});
