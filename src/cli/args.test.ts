import { describe, expect, it } from 'vitest';
import { normaliseConfig } from '../engine/experiment/normalise';
import { configFromFlags, parseArgs, RUN_FLAGS } from './args';

const cfg = (argv: string[]) => normaliseConfig(configFromFlags(parseArgs(argv, RUN_FLAGS).flags));

describe('CLI flags', () => {
  it('start from a preset and override any setting', () => {
    const c = cfg(['--preset', 'lth-mnist-quick', '--seed=4', '--iterations', '50', '--rate-fc', '0.2', '--reset', 'rewind', '--rewind-step', '10', '--controls', 'reinit,random-mask']);
    expect(c.seed).toBe(4);
    expect(c.training.iterations).toBe(50);
    expect(c.method.params).toMatchObject({ rates: { fc: 0.2, output: 0.25 }, reset: 'rewind', rewindStep: 10, rounds: 6 });
    expect(c.controls).toEqual(['reinit', 'random-mask']);
  });

  it('pass method parameters with --param (dotted keys, JSON values)', () => {
    const c = cfg(['--param', 'targetDensities=[0.5,0.1]', '--param', 'rates.output=0.05']);
    expect(c.method.params).toMatchObject({ targetDensities: [0.5, 0.1], rates: { output: 0.05 } });
  });

  it('reject unknown flags, missing values and bad numbers with a clear message', () => {
    expect(() => parseArgs(['--sed', '1'], RUN_FLAGS)).toThrow(/Unknown flag --sed/);
    expect(() => parseArgs(['--seed'], RUN_FLAGS)).toThrow(/--seed needs a value/);
    expect(() => cfg(['--lr', 'fast'])).toThrow(/--lr expects a number/);
    expect(() => cfg(['--preset', 'nope'])).toThrow(/unknown preset 'nope' — choose one of lth-mnist-quick/);
    expect(() => cfg(['--optimizer', 'rmsprop'])).toThrow();
  });
});
