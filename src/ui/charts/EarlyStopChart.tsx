import { useMemo } from 'react';
import { useRuns } from '../../store/hooks';
import { CHARTS } from '../teaching/text';
import { ChartCard } from './ChartCard';
import { earlyStopSeries, formatPct } from './chartData';
import { linesTable } from './chartTables';
import { SparsityLineChart } from './SparsityLineChart';
import { STAGGER, useChartValue } from './useChartValue';
import { useStable } from './useStable';
import type { RunRecord } from '../../store/slices/resultsSlice';

const FROM_ZERO = { zero: true };
const formatIteration = (v: number) => `${Math.round(v)}`;

export function EarlyStopChart() {
  const [runs, cardRef] = useChartValue<RunRecord[], HTMLElement>(useRuns(), STAGGER.earlyStop);
  const series = useStable(useMemo(() => earlyStopSeries(runs), [runs]));
  return (
    <ChartCard
      title="Early-stop iteration vs weights remaining" explain={CHARTS.earlyStop} testId="chart-early-stop" cardRef={cardRef}
      table={() => linesTable(series, 'weights remaining', formatPct, formatIteration, true)}
      empty={series.length === 0 && 'Waiting for the first finished round.'}
    >
      <SparsityLineChart series={series} yLabel="iteration of lowest val. loss" yRange={FROM_ZERO} formatY={formatIteration} height={280} />
    </ChartCard>
  );
}
