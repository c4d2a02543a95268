import { memo, useMemo } from 'react';
import { useRunMasks, useSelectedRun } from '../../store/hooks';
import { CHARTS } from '../teaching/text';
import { ChartCard } from './ChartCard';
import { formatPct } from './chartData';
import { AxisFrame } from './AxisFrame';
import { BarsChart } from './BarsChart';
import { STAGGER, useChartValue } from './useChartValue';
import type { MaskSummary } from '../../store/state/resultsSlice';

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

const PERCENT_AXIS = { domain: [0, 100] as [number, number], ticks: [0, 25, 50, 75, 100] };
const percentTick = (v: number) => `${v} %`;

const Bars = memo(function Bars({ data }: { data: { name: string; density: number; kept: number; size: number }[] }) {
  const bars = useMemo(() => data.map((d) => ({
    key: d.name, label: d.name, value: d.density, top: formatPct(d.density),
    title: `${d.name}: ${formatPct(d.density)} kept (${d.kept.toLocaleString()} of ${d.size.toLocaleString()})`,
  })), [data]);
  return (
    <div className="chart-frame" data-bars={data.length}>
      <AxisFrame x="layer" y="weights kept">
        <BarsChart bars={bars} y={PERCENT_AXIS} yFormat={percentTick} height={260} />
      </AxisFrame>
    </div>
  );
});
