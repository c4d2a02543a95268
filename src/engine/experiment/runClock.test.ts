import { describe, expect, it } from 'vitest';
import { evalsIn, FORWARD_SHARE, RunClock } from './runClock';

describe('RunClock', () => {
  it('counts evaluations at every multiple of evalEvery and at the end', () => {
    expect(evalsIn(0, 1500, 250)).toBe(6);
    expect(evalsIn(0, 1000, 300)).toBe(4); // 300, 600, 900, 1000
    expect(evalsIn(200, 1000, 100)).toBe(8);
    expect(evalsIn(250, 1000, 300)).toBe(4); // 300, 600, 900, 1000
    expect(evalsIn(1000, 1000, 100)).toBe(0);
  });

  it('prices training and evaluation at their measured speeds, guessing evaluation until it is measured', () => {
    const c = new RunClock(60);
    expect(c.secondsFor(10, 100)).toBeUndefined();
    c.recordTraining(10, 7); // 0.7 s a step
    expect(c.samplesPerSec).toBeCloseTo(60 / 0.7);
    expect(c.secondsFor(100, 6000)).toBeCloseTo(70 + 6000 * (0.7 / 60) * FORWARD_SHARE);
    c.recordEvaluation(1000, 3.2);
    expect(c.secondsFor(100, 10_000)).toBeCloseTo(70 + 32);
    expect(c.imagesPerSec).toBeCloseTo(312.5);
  });
});
