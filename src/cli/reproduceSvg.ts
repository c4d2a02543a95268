/**
 * The LTH Fig. 3-style chart: test accuracy against % of weights remaining,
 * one line per series (ticket, re-init, random mask) with ±1 std error bars,
 * every line starting from the shared dense point, and the dense accuracy as
 * a dashed reference. Drawn by the generic density chart.
 */
import type { SeriesId } from '../engine';
import { densityChartSvg } from './densityChartSvg';
import type { AggRow } from './reproduceAnalysis';

const SERIES_STYLE: Record<SeriesId, { label: string; color: string }> = {
  trunk: { label: 'IMP ticket (reset to θ0)', color: '#1f77b4' },
  reinit: { label: 'Random re-init (same mask)', color: '#d62728' },
  'random-mask': { label: 'Random mask (same layer counts)', color: '#2ca02c' },
};

export interface ChartOptions {
  width?: number;
  height?: number;
  title?: string;
  /** Which accuracy to plot. */
  metric?: 'esAcc' | 'finalAcc';
}

export function lthChartSvg(rows: AggRow[], opts: ChartOptions = {}): string {
  const metric = opts.metric ?? 'esAcc';
  const dense = rows.find((r) => r.series === 'trunk' && r.round === 0);
  const series = (['trunk', 'reinit', 'random-mask'] as SeriesId[]).filter((s) => rows.some((r) => r.series === s));
  const lines = series.map((s, k) => {
    // Series share x positions: shift each a few pixels so error bars do not hide each other.
    const dx = (k - (series.length - 1) / 2) * 4;
    const own = [...(dense && s !== 'trunk' ? [dense] : []), ...rows.filter((r) => r.series === s)];
    return {
      id: s, label: SERIES_STYLE[s].label, color: SERIES_STYLE[s].color,
      points: own.map((r) => ({ pct: r.density * 100, mean: r[metric].mean * 100, std: r[metric].std * 100, n: r[metric].n, dx: r.round === 0 ? 0 : dx })),
    };
  });
  return densityChartSvg(lines, {
    width: opts.width ?? 720, height: opts.height ?? 440, title: opts.title,
    yLabel: `test accuracy ${metric === 'esAcc' ? 'at early stop' : 'at end of training'} (%)`,
    xTicks: [...new Set(rows.filter((r) => r.series === 'trunk').map((r) => +(r.density * 100).toFixed(1)))].sort((a, b) => b - a),
    reference: dense ? { label: 'Dense (100 %)', value: dense[metric].mean * 100 } : undefined,
  });
}
