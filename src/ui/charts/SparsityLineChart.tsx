import { memo, useMemo } from 'react';
import { CartesianGrid, ErrorBar, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PlainTick } from './PlainTick';
import { errKey, formatPct, mergeByX, percentDomain, percentTicks, type ChartSeries } from './chartData';
import { AxisFrame } from './AxisFrame';
import { niceAxis } from './axes';
import { SeriesLegend } from './Legend';
import { AXIS, GRID, Y_AXIS_WIDTH } from './palette';

interface Props {
  series: ChartSeries[];
  yLabel: string;
  /** How the y range is rounded: from zero, or capped (accuracy at 100 %). */
  yRange?: { zero?: boolean; max?: number; minSpan?: number };
  formatY(v: number): string;
  /** Show values on hover. Off for charts that redraw often: recharts' tooltip makes every redraw dearer. */
  tooltip?: boolean;
  /** Tick labels (round numbers); defaults to formatY. */
  formatTick?(v: number): string;
  height?: number;
}

/** Room so that points at 100 % and at the sparsest end, and at the top and bottom, are not cut by the plot edge. */
const X_PADDING = { left: 14, right: 18 };
const Y_PADDING = { top: 8, bottom: 8 };

/**
 * A line per series against % of weights remaining on a reversed log axis:
 * dense on the left, sparser to the right, as in the lottery-ticket paper.
 * No animation: points stream in while training.
 */
export const SparsityLineChart = memo(function SparsityLineChart({ series, yLabel, yRange, formatY, formatTick = formatY, tooltip = false, height = 320 }: Props) {
  const domain = percentDomain(series);
  const rows = useMemo(() => mergeByX(series), [series]);
  // The range covers the error bars too, so no bar is cut off.
  const y = useMemo(() => niceAxis(series.flatMap((s) => s.points.flatMap((p) => (p.err ? [p.y - p.err, p.y + p.err] : [p.y]))), yRange), [series, yRange]);
  const hasErr = series.some((s) => s.points.some((p) => p.err !== undefined));
  const total = series.reduce((n, s) => n + s.points.length, 0);
  return (
    <div data-points={total} data-series={series.length} className="chart-frame">
      <SeriesLegend items={series} />
      <AxisFrame x="weights remaining (log scale) → sparser" y={yLabel}>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 4, left: 12 }}>
          <CartesianGrid stroke={GRID} />
          <XAxis tick={PlainTick}
            type="number" dataKey="x" scale="log" domain={domain} reversed allowDataOverflow padding={X_PADDING}
            ticks={percentTicks(domain[0])} interval={0} tickFormatter={(v: number) => `${v} %`} stroke={AXIS}
          />
          <YAxis tick={PlainTick}
            type="number" domain={y.domain} ticks={y.ticks} interval={0} stroke={AXIS} tickFormatter={formatTick} width={Y_AXIS_WIDTH} padding={Y_PADDING}
          />
          {tooltip && (
            <Tooltip
              formatter={(v) => formatY(Number(v))}
              labelFormatter={(x, payload) => `${formatPct(Number(payload?.[0]?.payload?.trueX ?? x))} of weights remaining`}
            />
          )}
          {series.map((s) => (
            <Line
              key={s.id} dataKey={s.id} name={s.name} stroke={s.color} strokeDasharray={s.dash}
              strokeWidth={s.dash ? 2 : 3} dot={{ r: 4, fill: s.color }} isAnimationActive={false} connectNulls
            >
              {hasErr && <ErrorBar dataKey={errKey(s.id)} width={5} strokeWidth={1.5} stroke={s.color} direction="y" />}
            </Line>
          ))}
        </LineChart>
      </ResponsiveContainer>
      </AxisFrame>
    </div>
  );
});
