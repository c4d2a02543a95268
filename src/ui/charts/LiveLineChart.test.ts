import { describe, expect, it } from 'vitest';
import { pathOf } from './LiveLineChart';

const sx = (v: number) => v * 2;
const sy = (v: number) => 100 - v;

describe('LiveLineChart paths', () => {
  it('joins the points straight, or as steps held until the next x', () => {
    const pts = [{ x: 0, y: 10 }, { x: 10, y: 20 }, { x: 20, y: 15 }];
    expect(pathOf(pts, sx, sy)).toBe('M0.0,90.0L20.0,80.0L40.0,85.0');
    expect(pathOf(pts, sx, sy, 'step')).toBe('M0.0,90.0H20.0V80.0H40.0V85.0');
  });

  it('leaves a gap at a non-finite value (a diverged loss) instead of drawing through it', () => {
    const pts = [{ x: 0, y: 1 }, { x: 1, y: NaN }, { x: 2, y: 3 }, { x: 3, y: 4 }];
    expect(pathOf(pts, sx, sy)).toBe('M0.0,99.0M4.0,97.0L6.0,96.0');
    expect(pathOf([], sx, sy)).toBe('');
  });
});
