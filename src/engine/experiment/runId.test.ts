import { describe, expect, it } from 'vitest';
import { normaliseConfig } from './normalise';
import { runId } from './runId';

/** algorithms.md §11 check 14: a config serialises to a stable hash name. */
describe('runId', () => {
  it('is pinned for the default config, so saved runs keep their names', () => {
    expect(runId(normaliseConfig({}))).toBe(PINNED_DEFAULT_ID);
  });

  it('ignores key order, spelled-out defaults and the display name', () => {
    const a = normaliseConfig({ seed: 3, training: { lr: 0.01, batchSize: 60 } });
    const b = normaliseConfig({ name: 'mine', training: { batchSize: 60, lr: 0.01, optimizer: 'adam' }, seed: 3, method: { id: 'imp', params: { rounds: 5 } } });
    expect(runId(b)).toBe(runId(a));
  });

  it('changes with any setting', () => {
    const a = runId(normaliseConfig({}));
    expect(runId(normaliseConfig({ seed: 1 }))).not.toBe(a);
    expect(runId(normaliseConfig({ method: { id: 'imp', params: { reset: 'rewind', rewindStep: 10 } } }))).not.toBe(a);
  });
});

const PINNED_DEFAULT_ID = 'run_5b92cdccadde8262';
