import type { LmcPoint, RoundResult } from '../engine';

/** Renders rows as an aligned text table (first column left, the rest right). */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const pct = (x: number, digits = 2) => (Number.isFinite(x) ? `${(x * 100).toFixed(digits)}` : 'n/a');

/**
 * The LTH table: one row per round, the trunk's columns then each control's.
 * Without a validation set there is no early stop, so only final accuracy is shown.
 */
export function roundsTable(results: RoundResult[], earlyStop = true): string {
  const series = [...new Set(results.map((r) => r.series))];
  const rounds = [...new Set(results.map((r) => r.round))].sort((a, b) => a - b);
  const header = ['round', '% weights left'];
  for (const s of series) header.push(...(earlyStop ? [`${s} early-stop it`, `${s} test@ES %`] : []), `${s} final test %`);
  const rows = rounds.map((round) => {
    const trunk = results.find((r) => r.round === round && r.series === 'trunk') ?? results.find((r) => r.round === round)!;
    const row = [String(round), pct(trunk.density, 1)];
    for (const s of series) {
      const r = results.find((x) => x.round === round && x.series === s) ?? (round === 0 ? trunk : undefined);
      if (earlyStop) row.push(r ? String(r.earlyStopStep) : '–', r ? pct(r.earlyStopTestAcc) : '–');
      row.push(r ? pct(r.finalTestAcc) : '–');
    }
    return row;
  });
  return renderTable(header, rows);
}

/** The instability analysis: one row per k, the error barrier and the errors at both ends and at the line's worst point. */
export function lmcTable(points: LmcPoint[]): string {
  const rows = points.map((p) => {
    const worst = p.testError.indexOf(Math.max(...p.testError));
    return [String(p.k), pct(p.barrier), pct(p.testError[0]), pct(p.testError[p.testError.length - 1]), `${pct(p.testError[worst])} at α=${p.alphas[worst].toFixed(2)}`];
  });
  return renderTable(['k', 'error barrier (pp)', 'copy A error %', 'copy B error %', 'largest error on the line'], rows);
}
