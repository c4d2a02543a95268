import { memo, useMemo } from 'react';
import type { WeightHistogram } from '../../worker/protocol';
import { AxisFrame } from '../charts/AxisFrame';
import { niceAxis } from '../charts/axes';
import { formatPct } from '../charts/chartData';
import type { TableData } from '../charts/chartTables';
import { BarsChart } from '../charts/BarsChart';

const formatCount = (v: number) => v.toLocaleString();

/** Surviving weights by value, with the pruned mass (held at zero) as its own red bar. */
export const WeightHistogramChart = memo(function WeightHistogramChart({ h }: { h: WeightHistogram }) {
  const bars = useMemo(() => {
    const width = (2 * h.limit) / Math.max(1, h.kept.length);
    return h.kept.map((count, i) => {
      const centre = (-h.limit + (i + 0.5) * width).toFixed(3);
      return { key: String(i), label: (+centre).toFixed(2), value: count, title: `≈ ${centre}: ${count.toLocaleString()} weights` };
    });
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
        <BarsChart bars={bars} y={y} yFormat={formatCount} height={210} gap={0.08} />
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
