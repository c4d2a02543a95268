import { useMemo } from 'react';
import { useRuns } from '../../store/hooks';
import { CHARTS } from '../teaching/text';
import { ChartCard } from './ChartCard';
import { earlyStopAtEnd, earlyStopSeries, formatPct } from './chartData';
import { linesTable } from './chartTables';
import { SparsityLineChart } from './SparsityLineChart';
import { STAGGER, useChartValue } from './useChartValue';
import { useStable } from './useStable';
import type { RunRecord } from '../../store/state/resultsSlice';

const FROM_ZERO = { zero: true };
const formatIteration = (v: number) => `${Math.round(v)}`;

export function EarlyStopChart() {
  const [runs, cardRef] = useChartValue<RunRecord[], HTMLElement>(useRuns(), STAGGER.earlyStop);
  const series = useStable(useMemo(() => earlyStopSeries(runs), [runs]));
  const es = useMemo(() => earlyStopAtEnd(runs), [runs]);
  // The chart only tells the truth if it says when the minimum is simply the last evaluation.
  const note = es.total === 0 ? null
    : es.noValidation ? 'No validation set (valSize 0): there is no early stop, and every point sits at the last iteration.'
    : es.atEnd === es.total ? `No early stop within this budget: all ${es.total} trainings had their lowest validation loss at their last evaluation, so this chart only shows the budget. Train longer (more iterations per round) to see tickets stop earlier than the dense network.`
    : es.atEnd > 0 ? `${es.atEnd} of ${es.total} trainings had their lowest validation loss at their last evaluation: for them the budget, not learning speed, sets the point.`
    : null;
  return (
    <ChartCard
      title="Early-stop iteration vs weights remaining" explain={CHARTS.earlyStop} testId="chart-early-stop" cardRef={cardRef} note={note}
      table={() => linesTable(series, 'weights remaining', formatPct, formatIteration, true)}
      empty={series.length === 0 && 'Waiting for the first finished round.'}
    >
      <SparsityLineChart series={series} yLabel="iteration of lowest val. loss" yRange={FROM_ZERO} formatY={formatIteration} height={280} />
    </ChartCard>
  );
}
