import { describe, expect, it } from 'vitest';
import type { SweepPoint } from './densitySweep';
import { sweepChartSvg, sweepEngines, sweepMarkdown } from './sweepReport';

const point = (density: number, route: SweepPoint['route'], samplesPerSec: number): SweepPoint =>
  ({ density, route, sparseLayers: [], autoSparseLayers: [], medianMs: 60_000 / samplesPerSec, samplesPerSec, kernelsPerStep: 80, tensorsFlat: true });
const sweep = [1, 0.1, 0.01].flatMap((d) => [point(d, 'sparse', 1000 / Math.sqrt(d)), point(d, 'masked-dense', 1000)]);
const torch = [{ label: 'PyTorch CPU (openblas-pthread), 1 thread', sweep: [1, 0.1, 0.01].map((d) => ({ density: d, samplesPerSec: 2000, msPerStepMedian: 30 })) }];

describe('density sweep report', () => {
  it('draws one line per engine with density on a log axis (100 % at the left)', () => {
    const svg = sweepChartSvg(sweepEngines(sweep, torch), 'test');
    expect(svg.match(/<polyline/g)).toHaveLength(3);
    const xs = [...svg.matchAll(/<circle cx="([\d.]+)"/g)].slice(0, 3).map((m) => Number(m[1]));
    expect(xs[0]).toBeLessThan(xs[1]);
    expect(xs[1] - xs[0]).toBeCloseTo(xs[2] - xs[1], 0); // 1 → 10 % → 1 %: equal steps on a log axis
  });

  it('reports the ratios against the dense step and the tuned PyTorch peer from the same run', () => {
    const md = sweepMarkdown(sweep, torch);
    expect(md).toContain('| 10 % | 3,162 | 1,000 | 3.16× |');
    expect(md).toContain('1 %');
  });
});
