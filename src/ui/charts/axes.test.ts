import { describe, expect, it } from 'vitest';
import { niceAxis } from './axes';

describe('niceAxis', () => {
  it('covers the values with round ticks', () => {
    expect(niceAxis([91.3, 96.2])).toEqual({ domain: [90, 98], ticks: [90, 92, 94, 96, 98] });
    expect(niceAxis([0.12, 1.18], { zero: true })).toEqual({ domain: [0, 1.5], ticks: [0, 0.5, 1, 1.5] });
  });

  it('clamps to a maximum such as 100 %', () => {
    const a = niceAxis([72, 99.6], { max: 100 });
    expect(a.domain[1]).toBe(100);
    expect(a.ticks.at(-1)).toBeLessThanOrEqual(100);
    expect(a.ticks[0]).toBeLessThanOrEqual(72);
  });

  it('keeps a minimum span, pushed down from a cap, so noise never fills the chart', () => {
    const a = niceAxis([97.6, 98.0], { max: 100, minSpan: 2 });
    expect(a.domain[1] - a.domain[0]).toBeGreaterThanOrEqual(2);
    expect(a.domain[1]).toBeLessThanOrEqual(100);
    const b = niceAxis([99.5, 99.9], { max: 100, minSpan: 2 });
    expect(b.domain[0]).toBeLessThanOrEqual(98);
    expect(b.domain[1]).toBe(100);
    expect(niceAxis([0.4, 0.5], { zero: true, minSpan: 1 }).domain[0]).toBe(0);
  });

  it('survives no data and flat data', () => {
    expect(niceAxis([]).ticks.length).toBeGreaterThan(1);
    const flat = niceAxis([300, 300], { zero: true });
    expect(flat.domain[0]).toBe(0);
    expect(flat.domain[1]).toBeGreaterThanOrEqual(300);
  });
});
