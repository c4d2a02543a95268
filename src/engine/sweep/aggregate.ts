import { meanStd } from '../experiment/compare';
import type { RoundResult } from '../experiment/events';
import { groupLabel, type CellMeta, type GridValue } from './spec';

/** The fields of a round the tables need (a merged sweep keeps no more). */
export type RoundLike = Pick<RoundResult, 'series' | 'round' | 'density' | 'earlyStopStep' | 'earlyStopTestAcc' | 'finalTestAcc'>;

export interface CellResult {
  runId: string;
  cell: CellMeta;
  rounds: RoundLike[];
}

/**
 * The trunk rounds of one cell that stand for a density in the tables:
 * dense → its only round at 100 %; a single-density method → its last round,
 * only if it got there; an iterative comparison run → rounds 1…n at its
 * target densities; a plain run → every trunk round at the density reached.
 */
export function densityPoints(c: CellResult): [number, RoundLike][] {
  const trunk = c.rounds.filter((r) => r.series === 'trunk');
  const { kind, density, targets, rounds } = c.cell;
  if (kind === 'dense') return trunk[0] ? [[1, trunk[0]]] : [];
  if (kind === 'single' && density !== null) {
    const last = trunk[trunk.length - 1];
    return last && last.round === rounds - 1 ? [[density, last]] : [];
  }
  if (kind === 'iterative' && targets) return trunk.filter((r) => r.round > 0 && r.round <= targets.length).map((r) => [targets[r.round - 1], r]);
  return trunk.map((r) => [Math.round(r.density * 1e4) / 1e4, r]);
}

export interface SweepRow {
  /** Method plus grid point: one line on a chart. */
  group: string;
  method: string;
  grid: Record<string, GridValue>;
  density: number;
  seeds: number[];
  runIds: string[];
  final: number[];
  earlyStop: number[];
  earlyStopStep: number[];
  /** Density actually reached, per seed. */
  realised: number[];
  finalMean: number; finalStd: number; earlyStopMean: number; earlyStopStd: number;
}

/**
 * Mean ± sample std over seeds per (method, grid point, density). Cells are
 * taken in seed order whatever order they finished or were merged in, so the
 * same cells always give bit-identical means.
 */
export function aggregateCells(cells: CellResult[]): SweepRow[] {
  const sorted = [...cells].sort((a, b) => a.cell.seed - b.cell.seed || a.cell.index - b.cell.index);
  const rows = new Map<string, SweepRow & { order: number }>();
  for (const c of sorted) {
    const group = groupLabel(c.cell);
    for (const [density, r] of densityPoints(c)) {
      const key = `${group}|${density}`;
      let row = rows.get(key);
      if (!row) {
        row = { group, method: c.cell.method, grid: c.cell.grid, density, seeds: [], runIds: [], final: [], earlyStop: [], earlyStopStep: [], realised: [], finalMean: NaN, finalStd: NaN, earlyStopMean: NaN, earlyStopStd: NaN, order: c.cell.index };
        rows.set(key, row);
      }
      row.order = Math.min(row.order, c.cell.index);
      row.seeds.push(c.cell.seed);
      row.runIds.push(c.runId);
      row.final.push(r.finalTestAcc);
      row.earlyStop.push(r.earlyStopTestAcc);
      row.earlyStopStep.push(r.earlyStopStep);
      row.realised.push(r.density);
    }
  }
  const groupOrder = new Map<string, number>();
  for (const r of rows.values()) groupOrder.set(r.group, Math.min(groupOrder.get(r.group) ?? Infinity, r.order));
  return [...rows.values()]
    .sort((a, b) => groupOrder.get(a.group)! - groupOrder.get(b.group)! || b.density - a.density)
    .map(({ order: _o, ...row }) => {
      const f = meanStd(row.final);
      const es = meanStd(row.earlyStop);
      return { ...row, finalMean: f.mean, finalStd: f.std, earlyStopMean: es.mean, earlyStopStd: es.std };
    });
}

const csvCell = (v: string | number) => {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  // Quote anything a spreadsheet could misread; a leading =,+,-,@ would run as a formula.
  return /[",\n\r]|^[=+\-@]/.test(s) && typeof v === 'string' ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One line per row: group, method, grid keys, density, n, mean and std of both accuracies. */
export function rowsCsv(rows: SweepRow[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.grid)))];
  const header = ['group', 'method', ...keys, 'density', 'seeds', 'final_test_acc_mean', 'final_test_acc_std', 'early_stop_test_acc_mean', 'early_stop_test_acc_std', 'early_stop_step_mean'];
  const lines = rows.map((r) => [
    r.group, r.method, ...keys.map((k) => (Object.hasOwn(r.grid, k) ? String(r.grid[k]) : '')), r.density, r.seeds.length,
    r.finalMean, r.finalStd, r.earlyStopMean, r.earlyStopStd, meanStd(r.earlyStopStep).mean,
  ].map(csvCell).join(','));
  return [header.map(csvCell).join(','), ...lines].join('\n') + '\n';
}
