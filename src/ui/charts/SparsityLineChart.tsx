import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPct, mergeByX, percentDomain, percentTicks, type ChartSeries } from './chartData';
import { SeriesLegend } from './Legend';
import { AXIS, GRID, xTitle, Y_AXIS_WIDTH, yTitle } from './palette';

interface Props {
  series: ChartSeries[];
  yLabel: string;
  yDomain?: [number | 'auto', number | 'auto'];
  formatY(v: number): string;
  height?: number;
}

/**
 * A line per series against % of weights remaining on a reversed log axis:
 * dense on the left, sparser to the right, as in the lottery-ticket paper.
 * No animation: points stream in while training.
 */
export const SparsityLineChart = memo(function SparsityLineChart({ series, yLabel, yDomain = ['auto', 'auto'], formatY, height = 320 }: Props) {
  const domain = percentDomain(series);
  const rows = useMemo(() => mergeByX(series), [series]);
  const total = series.reduce((n, s) => n + s.points.length, 0);
  return (
    <div data-points={total} data-series={series.length} className="chart-frame">
      <SeriesLegend items={series} />
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 28, left: 12 }}>
          <CartesianGrid stroke={GRID} />
          <XAxis
            type="number" dataKey="x" scale="log" domain={domain} reversed allowDataOverflow
            ticks={percentTicks(domain[0])} tickFormatter={(v: number) => `${v} %`} stroke={AXIS}
            label={xTitle('weights remaining (log scale) →  sparser')}
          />
          <YAxis
            type="number" domain={yDomain} stroke={AXIS} tickFormatter={formatY} width={Y_AXIS_WIDTH}
            label={yTitle(yLabel)}
          />
          <Tooltip formatter={(v) => formatY(Number(v))} labelFormatter={(x) => `${formatPct(Number(x))} of weights remaining`} />
          {series.map((s) => (
            <Line
              key={s.id} dataKey={s.id} name={s.name} stroke={s.color} strokeDasharray={s.dash}
              strokeWidth={s.dash ? 2 : 3} dot={{ r: 4, fill: s.color }} isAnimationActive={false} connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
});
