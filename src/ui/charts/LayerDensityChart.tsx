import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PlainTick } from './PlainTick';
import { useRunMasks, useSelectedRun } from '../../store/hooks';
import { CHARTS } from '../teaching/text';
import { ChartCard } from './ChartCard';
import { formatPct } from './chartData';
import { AxisFrame } from './AxisFrame';
import { AXIS, GRID, Y_AXIS_WIDTH } from './palette';
import { STAGGER, useChartValue } from './useChartValue';
import type { MaskSummary } from '../../store/state/resultsSlice';

const PERCENT: [number, number] = [0, 100];
const PERCENT_TICKS = [0, 25, 50, 75, 100];

/** Per-layer density of the selected run's newest mask. */
export function LayerDensityChart() {
  const run = useSelectedRun();
  const [masks, cardRef] = useChartValue<MaskSummary | null, HTMLElement>(useRunMasks(run?.key), STAGGER.layers);
  const data = useMemo(
    () => (masks?.layers ?? []).map((l) => ({ name: l.name.replace('/kernel', ''), density: 100 * l.density, kept: l.nnz, size: l.size })),
    [masks],
  );
  const title = masks ? `Weights kept per layer — ${masks.series === 'trunk' ? '' : `${masks.series}, `}round ${masks.round}` : 'Weights kept per layer';
  return (
    <ChartCard title={title} explain={CHARTS.layers} testId="chart-layers" cardRef={cardRef}
      table={() => ({ columns: ['layer', 'weights kept', 'kept', 'of'], rows: data.map((d) => [d.name, formatPct(d.density), d.kept.toLocaleString(), d.size.toLocaleString()]) })} empty={data.length === 0 && 'Shown once the run has a mask.'}>
      <Bars data={data} />
    </ChartCard>
  );
}

const Bars = memo(function Bars({ data }: { data: { name: string; density: number; kept: number; size: number }[] }) {
  return (
    <div className="chart-frame" data-bars={data.length}>
      <AxisFrame x="layer" y="weights kept">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 24, right: 16, bottom: 4, left: 12 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis tick={PlainTick} dataKey="name" interval={0} stroke={AXIS} />
          <YAxis tick={PlainTick} domain={PERCENT} ticks={PERCENT_TICKS} interval={0} tickFormatter={(v: number) => `${v} %`} stroke={AXIS} width={Y_AXIS_WIDTH} />
          <Tooltip formatter={(v, _n, item) => `${formatPct(Number(v))} (${item.payload.kept.toLocaleString()} of ${item.payload.size.toLocaleString()})`} />
          <Bar dataKey="density" name="kept" fill="#0072B2" isAnimationActive={false} radius={[4, 4, 0, 0]}>
            <LabelList dataKey="density" position="top" formatter={(v) => formatPct(Number(v))} fill={AXIS} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      </AxisFrame>
    </div>
  );
});
