import { memo, useMemo } from 'react';
import { formatPct, percentDomain, percentTicks, type ChartSeries, type SeriesPoint } from './chartData';
import { AxisFrame } from './AxisFrame';
import { niceAxis, type Axis } from './axes';
import { SeriesLegend } from './Legend';
import { LiveLineChart, type Readout } from './LiveLineChart';

interface Props {
  series: ChartSeries[];
  yLabel: string;
  /** How the y range is rounded: from zero, or capped (accuracy at 100 %). */
  yRange?: { zero?: boolean; max?: number; minSpan?: number };
  formatY(v: number): string;
  /** Show values on hover. */
  tooltip?: boolean;
  /** Tick labels (round numbers); defaults to formatY. */
  formatTick?(v: number): string;
  height?: number;
}

/** Room so that dots at 100 % and at the sparsest end, and at the top and bottom, are not cut by the plot edge. */
const PAD = { x: 16, y: 8 };
const xTick = (v: number) => `${v} %`;

/**
 * A line per series against % of weights remaining on a reversed log axis:
 * dense on the left, sparser to the right, as in the lottery-ticket paper.
 * Drawn as plain SVG (LiveLineChart): it gains a point at every round's end,
 * the moment the page is busiest.
 */
export const SparsityLineChart = memo(function SparsityLineChart({ series, yLabel, yRange, formatY, formatTick = formatY, tooltip = false, height = 320 }: Props) {
  const x = useMemo<Axis>(() => {
    const domain = percentDomain(series);
    return { domain, ticks: percentTicks(domain[0]) };
  }, [series]);
  // The range covers the error bars too, so no bar is cut off; before the first point, the whole range the chart can show.
  const y = useMemo(() => {
    const values = series.flatMap((s) => s.points.flatMap((p) => (p.err ? [p.y - p.err, p.y + p.err] : [p.y])));
    return niceAxis(values.length > 0 ? values : [0, yRange?.max ?? 1], yRange);
  }, [series, yRange]);
  const readout = useMemo<Readout | undefined>(() => (tooltip ? {
    title: (p: SeriesPoint) => `${formatPct(p.trueX ?? p.x)} of weights remaining`,
    value: (p: SeriesPoint) => `${formatY(p.y)}${p.err ? ` ± ${formatY(p.err)}` : ''}${p.n && p.n > 1 ? ` (${p.n} seeds)` : ''}`,
  } : undefined), [tooltip, formatY]);
  const total = series.reduce((n, s) => n + s.points.length, 0);
  return (
    <div data-points={total} data-series={series.length} className="chart-frame">
      <SeriesLegend items={series} />
      <AxisFrame x="weights remaining (log scale) → sparser" y={yLabel}>
        <LiveLineChart lines={series} x={x} y={y} xFormat={xTick} yFormat={formatTick} height={height} dots xLog xReversed pad={PAD} readout={readout} />
      </AxisFrame>
    </div>
  );
});
