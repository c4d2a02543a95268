import { describe, expect, it } from 'vitest';
import { hiddenMethodFields, inRange, isPercentField, toPercentText, wordedRange } from './fieldRules';

describe('field rules', () => {
  it('shows rates and densities in %, not learning rates or momentum', () => {
    expect(isPercentField('fc', { type: 'number', minimum: 0, maximum: 1 })).toBe(false);
    expect(isPercentField('globalRate', { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } as never)).toBe(true);
    expect(isPercentField('density', { type: 'number', exclusiveMinimum: 0, maximum: 1 })).toBe(true);
    expect(isPercentField('lr', { type: 'number', maximum: 1 })).toBe(false);
    expect(isPercentField('momentum', { type: 'number', maximum: 0.9999 })).toBe(false);
    expect(toPercentText(0.2)).toBe('20');
    expect(toPercentText(0.07)).toBe('7');
  });

  it('words a rejected number in the units it was typed in', () => {
    expect(wordedRange('method.params.rates.fc', 'Hidden layers (fc)', { type: 'number', minimum: 0, exclusiveMaximum: 1 } as never, true))
      .toBe('Enter a pruning rate between 0 and 100 % (less than 100 %)');
    expect(wordedRange('method.params.density', 'Density', { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } as never, true))
      .toBe('Enter a density between 0 and 100 % (more than 0, less than 100 %)');
    expect(wordedRange('training.iterations', 'Iterations', { type: 'integer', minimum: 1, maximum: 10_000_000 }, false))
      .toBe('Enter a whole number of iterations between 1 and 10,000,000');
    expect(inRange(0.5, { type: 'number', minimum: 0, exclusiveMaximum: 1 } as never)).toBe(true);
    expect(inRange(1, { type: 'number', minimum: 0, exclusiveMaximum: 1 } as never)).toBe(false);
    expect(inRange('50 %', { type: 'number' })).toBe(false);
  });

  it('hides IMP fields that do nothing with its settings or the model', () => {
    expect(hiddenMethodFields({ methodId: 'imp', params: {}, conv: false }).sort()).toEqual(['globalRate', 'rates.conv', 'rewindStep']);
    expect(hiddenMethodFields({ methodId: 'imp', params: { scope: 'global', reset: 'rewind' }, conv: true })).toEqual(['rates']);
    expect(hiddenMethodFields({ methodId: 'snip', params: {}, conv: false })).toEqual([]);
  });
});
