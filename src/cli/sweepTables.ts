import type { SweepRow } from '../engine';
import { renderTable } from './table';

const pct = (x: number) => (Number.isFinite(x) ? (x * 100).toFixed(2) : 'n/a');

/** Rows: method (with grid point); columns: densities, each cell mean ± std over seeds. */
type Row = Pick<SweepRow, 'method' | 'density' | 'finalMean' | 'finalStd' | 'earlyStopMean' | 'earlyStopStd'> & { group?: string };

export function rowsTable(rows: Row[], at: 'final' | 'earlyStop'): string {
  const name = (r: Row) => r.group ?? r.method;
  const densities = [...new Set(rows.map((r) => r.density))].sort((a, b) => b - a);
  const groups = [...new Set(rows.map(name))];
  const byKey = new Map(rows.map((r) => [`${name(r)}|${r.density}`, r]));
  const header = ['method', ...densities.map((d) => `${+(d * 100).toFixed(3)} %`)];
  return renderTable(header, groups.map((g) => [g, ...densities.map((d) => {
    const r = byKey.get(`${g}|${d}`);
    if (!r) return '';
    const [mean, std] = at === 'final' ? [r.finalMean, r.finalStd] : [r.earlyStopMean, r.earlyStopStd];
    return Number.isFinite(mean) ? `${pct(mean)} ± ${pct(std)}` : '–';
  })]));
}
