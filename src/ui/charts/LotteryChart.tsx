import { useMemo, useState } from 'react';
import { useRuns } from '../../store/hooks';
import { CHARTS } from '../teaching/text';
import { ChartCard } from './ChartCard';
import { formatPct, lotterySeries, type AccuracyAt } from './chartData';
import { linesTable } from './chartTables';
import { SparsityLineChart } from './SparsityLineChart';
import { STAGGER, useChartValue } from './useChartValue';
import { useStable } from './useStable';
import { useMainChartHeight } from './useMainChartHeight';
import type { RunRecord } from '../../store/slices/resultsSlice';

const formatAccuracy = (v: number) => `${v.toFixed(1)} %`;
const formatPercentTick = (v: number) => `${+v.toFixed(1)} %`;
const UP_TO_100 = { max: 100 };

/** The lottery-ticket figure: test accuracy against weights remaining, every run and control. */
export function LotteryChart() {
  const [runs, cardRef] = useChartValue<RunRecord[], HTMLElement>(useRuns(), STAGGER.lottery);
  const [at, setAt] = useState<AccuracyAt>('earlyStop');
  const series = useStable(useMemo(() => lotterySeries(runs, at), [runs, at]));
  const height = useMainChartHeight();
  const tools = (
    <div className="segmented" role="group" aria-label="Accuracy measured at">
      <button className={at === 'earlyStop' ? 'on' : ''} onClick={() => setAt('earlyStop')}>at early stop</button>
      <button className={at === 'final' ? 'on' : ''} onClick={() => setAt('final')}>at the end</button>
    </div>
  );
  return (
    <ChartCard
      title="Test accuracy vs weights remaining" explain={CHARTS.lottery} testId="chart-lottery" tools={tools} wide cardRef={cardRef}
      table={() => linesTable(series, 'weights remaining', formatPct, formatAccuracy, true)}
      empty={series.length === 0 && 'A point appears here when a round finishes.'}
    >
      <SparsityLineChart series={series} yLabel="test accuracy (%)" yRange={UP_TO_100} formatY={formatAccuracy} formatTick={formatPercentTick} tooltip height={height} />
    </ChartCard>
  );
}
