import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PlainTick } from '../charts/PlainTick';
import type { WeightHistogram } from '../../worker/protocol';
import { AxisFrame } from '../charts/AxisFrame';
import { niceAxis } from '../charts/axes';
import { formatPct } from '../charts/chartData';
import type { TableData } from '../charts/chartTables';
import { AXIS, GRID, Y_AXIS_WIDTH } from '../charts/palette';

/** Surviving weights by value, with the pruned mass (held at zero) as its own red bar. */
export const WeightHistogramChart = memo(function WeightHistogramChart({ h }: { h: WeightHistogram }) {
  const data = useMemo(() => {
    const n = h.kept.length;
    const width = (2 * h.limit) / n;
    return h.kept.map((count, i) => ({ x: +(-h.limit + (i + 0.5) * width).toFixed(3), count }));
  }, [h]);
  const y = useMemo(() => niceAxis(h.kept, { zero: true }), [h]);
  const prunedShare = h.total === 0 ? 0 : (100 * h.pruned) / h.total;
  return (
    <div className="histogram" data-testid="weight-histogram">
      <div className="pruned-bar" title={`${h.pruned.toLocaleString()} of ${h.total.toLocaleString()} weights pruned`}>
        <div className="pruned-fill" style={{ width: `${prunedShare}%` }} />
        <span>
          <strong>{formatPct(prunedShare)}</strong> pruned ({h.pruned.toLocaleString()} weights at exactly 0) ·{' '}
          {formatPct(100 - prunedShare)} kept
        </span>
      </div>
      <AxisFrame x="weight value (survivors)" y="count">
      <ResponsiveContainer width="100%" height={210}>
        <BarChart data={data} barCategoryGap={1} margin={{ top: 8, right: 16, bottom: 4, left: 12 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis tick={PlainTick} dataKey="x" stroke={AXIS} interval={Math.ceil(data.length / 8)} />
          <YAxis tick={PlainTick} stroke={AXIS} domain={y.domain} ticks={y.ticks} interval={0} width={Y_AXIS_WIDTH} />
          <Tooltip formatter={(v) => [Number(v).toLocaleString(), 'weights']} labelFormatter={(x) => `≈ ${x}`} />
          <Bar dataKey="count" fill="#0072B2" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      </AxisFrame>
    </div>
  );
});

/** The histogram's numbers: each bin's centre and count, then the pruned weights held at zero. */
export function histogramTable(h: WeightHistogram): TableData {
  const width = (2 * h.limit) / Math.max(1, h.kept.length);
  return {
    columns: ['weight value (bin centre)', 'surviving weights'],
    rows: [
      ...h.kept.map((count, i) => [(-h.limit + (i + 0.5) * width).toFixed(3), count.toLocaleString()]),
      ['pruned (exactly 0)', h.pruned.toLocaleString()],
    ],
  };
}
