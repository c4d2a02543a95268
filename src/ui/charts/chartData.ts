import { methods, type EvalPoint, type RoundResult, type SeriesId } from '../../engine/spec';
import type { LiveCurve, MaskSummary, RunRecord } from '../../store/state/resultsSlice';
import { CONTROL_STYLE, METHOD_COLORS, roundColor } from './palette';
import { differingSettings } from './runDiff';

export interface XY {
  x: number;
  y: number;
}

/** A chart point: mean over seeds, with the spread when there are several. */
export interface SeriesPoint extends XY {
  /** Standard deviation over seeds (absent for a single seed). */
  err?: number;
  /** The % of weights remaining; x may be nudged sideways so methods at one density do not hide each other. */
  trueX?: number;
  n?: number;
}

export interface ChartSeries {
  id: string;
  name: string;
  color: string;
  dash?: string;
  points: SeriesPoint[];
}

/**
 * Sideways nudge between methods at the same density, as a factor on the
 * log axis (≈ 7 px on a 700 px chart spanning two decades): enough that a
 * dot of one method never sits exactly on another's.
 */
export const METHOD_OFFSET = 1.06;

export type AccuracyAt = 'earlyStop' | 'final';

const CONTROL_NAMES: Record<string, string> = { reinit: 'same mask, random re-init', 'random-mask': 'random mask, same sizes' };

/**
 * One line per method group and series (ticket, re-init, random mask),
 * x = % of weights remaining, y from the round result. Runs of one
 * comparison method form one group; several seeds at the same density are
 * averaged into one point. Points run from dense to sparse.
 */
function seriesBySparsity(runs: RunRecord[], y: (r: RoundResult) => number): ChartSeries[] {
  const groups = new Map<string, { run: RunRecord; series: SeriesId; color: string; dash?: string; sums: Map<number, { s: number; s2: number; n: number }> }>();
  const groupColor = new Map<string, string>();
  for (const run of runs) {
    // An instability analysis trains copies of one network, not a sparsity series: it has its own chart.
    if (run.config?.lmc ?? run.input.lmc) continue;
    if (!groupColor.has(run.group)) groupColor.set(run.group, METHOD_COLORS[groupColor.size % METHOD_COLORS.length]);
    for (const r of run.rounds) {
      const v = y(r);
      if (!Number.isFinite(v)) continue;
      const id = `${run.group}|${r.series}`;
      let g = groups.get(id);
      if (!g) {
        const control = CONTROL_STYLE[r.series];
        g = { run, series: r.series, color: control?.color ?? groupColor.get(run.group)!, dash: control?.dash, sums: new Map() };
        groups.set(id, g);
      }
      // Round to 0.01 % so seeds of one density share a point.
      const x = Math.round(r.density * 1e4) / 100;
      const acc = g.sums.get(x) ?? { s: 0, s2: 0, n: 0 };
      acc.s += v;
      acc.s2 += v * v;
      acc.n += 1;
      g.sums.set(x, acc);
    }
  }
  // With one method on the chart, the controls need no method prefix.
  const single = groupColor.size === 1;
  const names = new Map<string, number>();
  // Several runs overlaid: each line says what sets its run apart, and controls take their run's colour (dashed).
  const diffs = namesForSameNamedGroups(runs);
  const count = groups.size;
  return [...groups.entries()].map(([id, g], i) => {
    const diff = diffs.get(g.run.group);
    const who = diff ? `${g.run.seriesName} (${diff})` : g.run.seriesName;
    const base = g.series === 'trunk' ? who : single ? CONTROL_NAMES[g.series] : `${who} — ${CONTROL_NAMES[g.series]}`;
    if (!single && g.series !== 'trunk') g.color = groupColor.get(g.run.group)!;
    const seen = names.get(base) ?? 0;
    names.set(base, seen + 1);
    // Several lines: spread them symmetrically around the true density.
    const shift = count > 1 ? METHOD_OFFSET ** (i - (count - 1) / 2) : 1;
    return {
      id, color: g.color, dash: g.dash,
      name: seen === 0 ? base : `${base} (${seen + 1})`,
      points: [...g.sums.entries()]
        .map(([x, a]) => {
          const mean = a.s / a.n;
          const p: SeriesPoint = { x: count > 1 ? +(x * shift).toPrecision(6) : x, y: mean };
          if (count > 1) p.trueX = x;
          if (a.n > 1) {
            p.err = Math.sqrt(Math.max(0, (a.s2 - a.n * mean * mean) / (a.n - 1)));
            p.n = a.n;
          }
          return p;
        })
        .sort((a, b) => b.x - a.x),
    };
  });
}

/** For groups whose legend name another group shares: what differs in their settings. */
function namesForSameNamedGroups(runs: RunRecord[]): Map<string, string> {
  const firstOfGroup = [...new Map(runs.map((r) => [r.group, r] as const)).values()];
  const out = new Map<string, string>();
  for (const name of new Set(firstOfGroup.map((r) => r.seriesName))) {
    const same = firstOfGroup.filter((r) => r.seriesName === name);
    if (same.length > 1) differingSettings(same.map((r) => r.config ?? r.input)).forEach((d, i) => out.set(same[i].group, d));
  }
  return out;
}

/**
 * Rounds whose lowest validation loss came at their last evaluation: for
 * them "early stop" is just "the end", and the early-stop chart must say so.
 */
export function earlyStopAtEnd(runs: RunRecord[]): { atEnd: number; total: number; noValidation: boolean } {
  let atEnd = 0;
  let total = 0;
  let noValidation = false;
  for (const run of runs) {
    if (run.config?.data.valSize === 0) noValidation = true;
    for (const r of run.rounds) {
      const last = r.curve[r.curve.length - 1];
      if (!last) continue;
      total++;
      if (r.earlyStopStep >= last.step) atEnd++;
    }
  }
  return { atEnd, total, noValidation };
}

export const lotterySeries = (runs: RunRecord[], at: AccuracyAt) =>
  seriesBySparsity(runs, (r) => 100 * (at === 'earlyStop' ? r.earlyStopTestAcc : r.finalTestAcc));

export const earlyStopSeries = (runs: RunRecord[]) => seriesBySparsity(runs, (r) => r.earlyStopStep);

/** The 1-2-5 ladder of % values a log axis labels: 100, 50, 20, 10, 5, 2, 1, 0.5, … */
const LADDER = [100, 50, 20, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01];

/** Ladder values from 100 down to `lo`. */
export function percentTicks(lo: number): number[] {
  return LADDER.filter((t) => t >= lo * 0.999);
}

/** The x-domain for % weights remaining: 100 down to the ladder value at or below the sparsest point. */
export function percentDomain(series: ChartSeries[]): [number, number] {
  let min = 100;
  let max = 100;
  for (const s of series) {
    for (const p of s.points) {
      min = Math.min(min, p.x);
      max = Math.max(max, p.x);
    }
  }
  const lo = LADDER.find((t) => t <= min * 1.001) ?? LADDER[LADDER.length - 1];
  // A nudged dense point may sit a little above 100 %: widen rather than cut it.
  return [lo === 100 ? 50 : lo, max > 100 ? +(max * 1.01).toPrecision(4) : 100];
}

export interface RoundCurve {
  id: string;
  round: number;
  name: string;
  color: string;
  /** x: iteration; acc in %, loss. */
  acc: XY[];
  loss: XY[];
}

/**
 * The selected run's training curves for one series: one per planned round
 * (empty until it trains, so colours run light to dark over the whole plan),
 * filled from the finished rounds and the live one.
 */
export function roundCurves(run: RunRecord | null, series: SeriesId, live: LiveCurve | null = null, masks: MaskSummary | null = null): RoundCurve[] {
  if (!run) return [];
  const planned = run.plan.filter((p) => p.series === series).map((p) => p.round);
  const done = new Map(run.rounds.filter((r) => r.series === series).map((r) => [r.round, r]));
  const liveHere = live && live.runKey === run.key && live.series === series ? live : null;
  const roundsShown = [...new Set([...planned, ...done.keys(), ...(liveHere ? [liveHere.round] : [])])].sort((a, b) => a - b);
  const rounds = roundsShown.map((round) => {
    const r = done.get(round);
    if (r) return { round, density: r.density as number | null, curve: r.curve };
    if (liveHere?.round === round) {
      const density = masks && masks.series === series && masks.round === round ? masks.density : null;
      return { round, density, curve: liveHere.points };
    }
    return { round, density: null, curve: [] as EvalPoint[] };
  });
  // Methods that change the mask while training (GraNet, GMP, RigL): the label says where the mask went.
  const teaching = Object.prototype.hasOwnProperty.call(methods, run.methodId) ? methods[run.methodId].teaching : undefined;
  const during = series === 'trunk' && teaching?.changesMaskDuringTraining;
  const startOf = (round: number) => {
    const trace = done.get(round)?.maskTrace;
    return trace && trace.length > 0 ? trace[0].density : teaching?.startsDense ? 1 : null;
  };
  const label = (round: number, density: number | null) => {
    if (!during) return `round ${round}${density === null ? '' : ` · ${formatPct(density * 100)}`}`;
    const start = startOf(round);
    if (density === null) return start === null ? 'training' : `training from ${formatPct(start * 100)}`;
    return start !== null && Math.abs(start - density) > 1e-6 ? `training · ${formatPct(start * 100)} → ${formatPct(density * 100)}` : `training · ${formatPct(density * 100)} throughout`;
  };
  return rounds.map((r, i) => ({
    id: `${series}-${r.round}`,
    round: r.round,
    name: label(r.round, r.density),
    color: roundColor(i, rounds.length),
    acc: r.curve.map((p) => ({ x: p.step, y: 100 * p.testAcc })),
    loss: r.curve.map((p) => ({ x: p.step, y: p.trainLoss })),
  }));
}

/**
 * Several lines as one table, one row per x with a column per line id. One
 * `data` array on the chart (rather than one per <Line>) lets recharts keep
 * its lines registered while points stream in: the lines' props never change,
 * so no re-registration pass runs on each update.
 */
export function mergeByX(lines: { id: string; points: SeriesPoint[] }[]): Record<string, number>[] {
  const rows = new Map<number, Record<string, number>>();
  for (const l of lines) {
    for (const p of l.points) {
      let row = rows.get(p.x);
      if (!row) rows.set(p.x, (row = { x: p.x }));
      row[l.id] = p.y;
      if (p.err !== undefined) row[errKey(l.id)] = p.err;
      if (p.trueX !== undefined) row.trueX = p.trueX;
    }
  }
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

/** The row column holding a line's error bar (± one standard deviation over seeds). */
export const errKey = (id: string) => `${id}~err`;

export function formatPct(p: number): string {
  if (p >= 10) return `${p.toFixed(p >= 99.95 ? 0 : 1)} %`;
  if (p >= 1) return `${p.toFixed(2)} %`;
  return `${p.toPrecision(2)} %`;
}
