import { describe, expect, it } from 'vitest';
import { rowsCsv, type SweepRow } from '../engine/sweep/aggregate';
import { sweepChartSvg } from './merge';
import { rowsTable } from './sweepTables';

const row = (method: string, grid: Record<string, number | string>, density: number, final: number[]): SweepRow => {
  const mean = final.reduce((a, b) => a + b, 0) / final.length;
  return {
    group: Object.keys(grid).length ? `${method} · ${Object.entries(grid).map(([k, v]) => `${k}=${v}`).join(', ')}` : method,
    method, grid, density, seeds: final.map((_, i) => i), runIds: [], final, earlyStop: final, earlyStopStep: final.map(() => 100), realised: final.map(() => density),
    finalMean: mean, finalStd: 0.01, earlyStopMean: mean, earlyStopStd: 0.01,
  };
};
const rows = [
  row('imp', { 'training.lr': 0.001 }, 0.2, [0.9, 0.92]), row('imp', { 'training.lr': 0.001 }, 0.05, [0.88, 0.9]),
  row('snip', { 'training.lr': 0.001 }, 0.2, [0.85, 0.86]), row('=cmd', { 'training.lr': '"x",y' }, 0.2, [0.5]),
];

describe('lab merge outputs', () => {
  it('charts one line per method and grid point, a point per density', () => {
    const svg = sweepChartSvg(rows, 'final', 'merged <sweep>');
    const groups = svg.split('<g class="series"').slice(1);
    expect(groups.length).toBe(3);
    expect(groups.map((g) => (g.match(/<circle /g) ?? []).length)).toEqual([2, 1, 1]);
    expect(svg).toContain('merged &lt;sweep&gt;');
    expect(svg).toContain('>20<');
  });

  it('writes a CSV with a column per grid key, quoting text a spreadsheet would run or split', () => {
    const lines = rowsCsv(rows).trim().split('\n');
    expect(lines[0]).toBe('group,method,training.lr,density,seeds,final_test_acc_mean,final_test_acc_std,early_stop_test_acc_mean,early_stop_test_acc_std,early_stop_step_mean');
    expect(lines[1]).toBe('imp · training.lr=0.001,imp,0.001,0.2,2,0.91,0.01,0.91,0.01,100');
    expect(lines[4]).toContain('"=cmd",');
    expect(lines[4]).toContain('"""x"",y"');
  });

  it('prints mean ± std per method and density', () => {
    expect(rowsTable(rows, 'final')).toMatch(/imp · training\.lr=0\.001 +91\.00 ± 1\.00 +89\.00 ± 1\.00/);
  });
});
