import { describe, expect, it } from 'vitest';
import { decimate } from './decimate';

const line = (n: number, y: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ x: i * 10, y: y(i) }));

describe('decimate', () => {
  it('leaves a short line as it is', () => {
    const pts = line(50, (i) => i);
    expect(decimate(pts, 100)).toBe(pts);
  });

  it('caps a long line at the budget, keeping its ends in x order', () => {
    const pts = line(10_000, (i) => Math.sin(i / 40));
    const out = decimate(pts, 400);
    expect(out.length).toBeLessThanOrEqual(400);
    expect(out.length).toBeGreaterThan(300);
    expect(out[0]).toBe(pts[0]);
    expect(out.at(-1)).toBe(pts.at(-1));
    for (let i = 1; i < out.length; i++) expect(out[i].x).toBeGreaterThan(out[i - 1].x);
  });

  it('keeps a one-point spike and dip that striding would skip', () => {
    const pts = line(5_000, () => 1);
    pts[2_501] = { x: pts[2_501].x, y: 9 };
    pts[3_333] = { x: pts[3_333].x, y: -9 };
    const ys = decimate(pts, 100).map((p) => p.y);
    expect(Math.max(...ys)).toBe(9);
    expect(Math.min(...ys)).toBe(-9);
  });
});
