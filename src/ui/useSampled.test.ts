import { describe, expect, it } from 'vitest';
import { holdFor } from './useSampled';

describe('a sampled value', () => {
  it('is passed on at once when urgent, else when the interval since the last one shown is up', () => {
    expect(holdFor(1000, 1200, 1000, true)).toBe(0);
    expect(holdFor(1000, 1200, 1000, false)).toBe(800);
    expect(holdFor(1000, 2500, 1000, false)).toBe(0);
  });
});
