import { describe, expect, it } from 'vitest';
import type { AggRow } from './reproduceAnalysis';
import { lthChartSvg } from './reproduceSvg';

const s = (mean: number, std = 0.001) => ({ mean, std, n: 3 });
const row = (series: AggRow['series'], round: number, density: number, acc: number): AggRow => ({
  series, round, density, esAcc: s(acc), finalAcc: s(acc - 0.001), esStep: s(3000, 100), esAtEnd: 0,
});
const rows: AggRow[] = [
  row('trunk', 0, 1, 0.98), row('trunk', 1, 0.513, 0.982), row('trunk', 2, 0.211, 0.983), row('trunk', 3, 0.036, 0.979),
  row('reinit', 1, 0.513, 0.979), row('reinit', 2, 0.211, 0.975), row('reinit', 3, 0.036, 0.95),
  row('random-mask', 1, 0.513, 0.978), row('random-mask', 2, 0.211, 0.97), row('random-mask', 3, 0.036, 0.94),
];

describe('lthChartSvg', () => {
  const svg = lthChartSvg(rows, { title: 'LTH & co' });

  it('is one well-formed SVG document with an escaped title', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('LTH &amp; co');
    expect(svg.match(/<svg/g)).toHaveLength(1);
  });

  it('draws one path per series, each through the dense point and its own rounds, with an error bar per point', () => {
    const groups = svg.split('<g class="series"').slice(1);
    expect(groups.map((g) => g.match(/data-series="([^"]+)"/)![1])).toEqual(['trunk', 'reinit', 'random-mask']);
    for (const g of groups) {
      const body = g.slice(0, g.indexOf('</g>'));
      expect(body.match(/<path /g)).toHaveLength(1);
      const d = body.match(/ d="([^"]+)"/)![1];
      expect(d.match(/[ML]/g)).toHaveLength(4); // 100 % + three pruned densities
      expect(body.match(/<circle /g)).toHaveLength(4);
      expect(body.match(/class="err"/g)).toHaveLength(4);
    }
  });

  it('has a dense reference line, labelled axes, x ticks at the trunk densities, and a legend entry per line', () => {
    expect(svg.match(/class="dense-ref"/g)).toHaveLength(1);
    expect(svg).toContain('% of weights remaining (log scale)');
    expect(svg).toContain('test accuracy at early stop (%)');
    for (const t of ['>100<', '>51.3<', '>21.1<', '>3.6<']) expect(svg).toContain(t);
    expect(svg.match(/class="legend"/g)).toHaveLength(4);
  });

  it('puts lower densities further right (log axis, as LTH Fig. 3)', () => {
    const trunk = svg.split('data-series="trunk"')[1];
    const xs = [...trunk.slice(0, trunk.indexOf('</g>')).matchAll(/<circle class="pt" cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    // Equal ratios of density are equal distances: 100→51.3 vs 51.3→21.1 compare as their log ratios.
    expect((xs[1] - xs[0]) / (xs[2] - xs[1])).toBeCloseTo(Math.log(1 / 0.513) / Math.log(0.513 / 0.211), 1);
  });
});
