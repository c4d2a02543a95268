import { describe, expect, it } from 'vitest';
import { nearestIndex, scaleOf } from './svgScale';

describe('chart scales', () => {
  it('maps linearly, and a reversed range puts the domain end on the left', () => {
    expect(scaleOf([0, 10], 0, 100)(2.5)).toBe(25);
    expect(scaleOf([0, 10], 100, 0)(2.5)).toBe(75);
    expect(scaleOf([3, 3], 0, 100)(3)).toBe(0);
  });

  it('spaces a log axis by decades and leaves no place for values at or below zero', () => {
    const s = scaleOf([1, 100], 0, 200, true);
    expect(s(1)).toBeCloseTo(0);
    expect(s(10)).toBeCloseTo(100);
    expect(s(100)).toBeCloseTo(200);
    expect(s(0)).toBeNaN();
  });

  it('finds the value nearest a pixel', () => {
    const s = scaleOf([0, 100], 0, 100);
    expect(nearestIndex([10, 40, 90], s, 30)).toBe(1);
    expect(nearestIndex([10, 40, 90], s, 70)).toBe(2);
    expect(nearestIndex([], s, 70)).toBe(-1);
  });
});
