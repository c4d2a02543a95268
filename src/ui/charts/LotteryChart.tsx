import { useMemo, useState } from 'react';
import { useRuns } from '../../store/hooks';
import { lotteryExplanation } from '../teaching/methodText';
import { ChartCard } from './ChartCard';
import { earlyStopAtEnd, formatPct, lotterySeries, type AccuracyAt } from './chartData';
import { linesTable } from './chartTables';
import { SparsityLineChart } from './SparsityLineChart';
import { STAGGER, useChartValue } from './useChartValue';
import { useStable } from './useStable';
import { useMainChartHeight } from './useMainChartHeight';
import type { RunRecord } from '../../store/state/resultsSlice';

const formatAccuracy = (v: number) => `${v.toFixed(1)} %`;
const formatPercentTick = (v: number) => `${+v.toFixed(1)} %`;
/** Accuracy never spans less than 2 pp, so seed noise does not fill the chart. */
const UP_TO_100 = { max: 100, minSpan: 2 };

/** The lottery-ticket figure: test accuracy against weights remaining, every run and control. */
export function LotteryChart() {
  const [runs, cardRef] = useChartValue<RunRecord[], HTMLElement>(useRuns(), STAGGER.lottery);
  const [at, setAt] = useState<AccuracyAt>('earlyStop');
  const series = useStable(useMemo(() => lotterySeries(runs, at), [runs, at]));
  const height = useMainChartHeight();
  const explain = useMemo(() => lotteryExplanation(runs.map((r) => r.methodId)), [runs]);
  const es = useMemo(() => earlyStopAtEnd(runs), [runs]);
  const note = es.total > 0 && es.atEnd === es.total
    ? es.noValidation
      ? 'No validation set in this run, so there is no early stop: both toggles show the accuracy at the end of training.'
      : 'No early stop within this budget: every training had its lowest validation loss at its last evaluation, so "at early stop" and "at the end" are the same points.'
    : null;
  const tools = (
    <div className="segmented" role="group" aria-label="Accuracy measured at">
      <button className={at === 'earlyStop' ? 'on' : ''} onClick={() => setAt('earlyStop')}>at early stop</button>
      <button className={at === 'final' ? 'on' : ''} onClick={() => setAt('final')}>at the end</button>
    </div>
  );
  return (
    <ChartCard
      title="Test accuracy vs weights remaining" explain={explain} testId="chart-lottery" tools={tools} wide cardRef={cardRef} note={note}
      table={() => linesTable(series, 'weights remaining', formatPct, formatAccuracy, true)}
      empty={series.length === 0 && 'A point appears here when a round finishes.'}
    >
      <SparsityLineChart series={series} yLabel="test accuracy (%)" yRange={UP_TO_100} formatY={formatAccuracy} formatTick={formatPercentTick} tooltip height={height} />
    </ChartCard>
  );
}
