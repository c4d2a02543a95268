import { describe, expect, it } from 'vitest';
import { errorBarOf, pathOf, readoutColumns } from './LiveLineChart';
import { scaleOf } from './svgScale';

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

describe('LiveLineChart marks and readout', () => {
  it('draws ± one standard deviation as an I-beam centred on the point', () => {
    expect(errorBarOf({ x: 10, y: 50, err: 5 }, sx, sy)).toBe('M20.0,55.0V45.0M17.5,55.0H22.5M17.5,45.0H22.5');
  });

  it('skips points a log axis has no place for (zero) rather than drawing to NaN', () => {
    const log = scaleOf([1, 100], 0, 100, true);
    expect(pathOf([{ x: 0, y: 1 }, { x: 10, y: 2 }, { x: 100, y: 3 }], log, sy)).toBe('M50.0,98.0L100.0,97.0');
  });

  it('groups the points of all lines by x for the hover readout, in x order', () => {
    const lines = [
      { id: 'a', name: 'IMP', color: '#000', points: [{ x: 100, y: 97 }, { x: 51.2, y: 98 }] },
      { id: 'b', name: 'random', color: '#111', points: [{ x: 51.2, y: 96, err: 0.5 }, { x: 26, y: NaN }] },
    ];
    const cols = readoutColumns(lines, { title: (p) => `${p.x} %`, value: (p) => `${p.y}${p.err ? ` ± ${p.err}` : ''}` });
    expect(cols.map((c) => c.x)).toEqual([51.2, 100]);
    expect(cols[0]).toEqual({ x: 51.2, title: '51.2 %', entries: [{ id: 'a', name: 'IMP', color: '#000', value: '98' }, { id: 'b', name: 'random', color: '#111', value: '96 ± 0.5' }] });
  });
});
