import { memo, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesId } from '../../engine/experiment/events';
import { useLiveCurve, useRunMasks, useSelectedRun } from '../../store/hooks';
import { CHARTS, SERIES_NAMES } from '../teaching/text';
import { ChartCard } from './ChartCard';
import { mergeByX, roundCurves, type RoundCurve } from './chartData';
import { SeriesLegend } from './Legend';
import { STAGGER, useChartValue } from './useStaggered';
import { useStable } from './useStable';
import { AXIS, GRID, xTitle, Y_AXIS_WIDTH, yTitle } from './palette';

const formatAccuracy = (v: number) => `${v.toFixed(1)} %`;
const formatLoss = (v: number) => v.toFixed(3);

/** Accuracy and loss against iteration, one line per round of the selected run. */
export function RoundCurvesChart() {
  const run = useSelectedRun();
  const live = useLiveCurve(run?.key);
  const masks = useRunMasks(run?.key);
  const [series, setSeries] = useState<SeriesId>('trunk');
  const derived = useStable(useMemo(() => roundCurves(run, series, live, masks), [run, series, live, masks]));
  const [curves, cardRef] = useChartValue<RoundCurve[], HTMLElement>(derived, STAGGER.curves);
  const drawn = useMemo(() => curves.filter((c) => c.acc.length > 0), [curves]);
  const available = useMemo(() => ['trunk', ...(run?.config?.controls ?? [])] as SeriesId[], [run]);
  const tools = available.length > 1 && (
    <select aria-label="Which network" value={series} onChange={(e) => setSeries(e.target.value as SeriesId)}>
      {available.map((s) => <option key={s} value={s}>{s === 'trunk' ? run?.seriesName ?? 'method' : SERIES_NAMES[s]}</option>)}
    </select>
  );
  return (
    <ChartCard
      title={`Training curves${run ? ` — ${run.label}` : ''}`} explain={CHARTS.curves} testId="chart-curves" tools={tools} wide cardRef={cardRef}
      empty={drawn.length === 0 && 'Curves appear at the first evaluation.'}
    >
      <SeriesLegend items={drawn} />
      <div className="two-up" data-testid="curves" data-lines={drawn.length}>
        <CurveChart curves={curves} dataKey="acc" yLabel="test accuracy (%)" format={formatAccuracy} />
        <CurveChart curves={curves} dataKey="loss" yLabel="training loss" format={formatLoss} />
      </div>
    </ChartCard>
  );
}

interface CurveProps {
  curves: RoundCurve[];
  dataKey: 'acc' | 'loss';
  yLabel: string;
  format(v: number): string;
}

/** From a round number of percent below the lowest point up to 100 %. */
const accuracyDomain: [(min: number) => number, number] = [(min) => Math.max(0, Math.floor(min / 10) * 10), 100];

const CurveChart = memo(function CurveChart({ curves, dataKey, yLabel, format }: CurveProps) {
  const rows = useMemo(() => mergeByX(curves.map((c) => ({ id: c.id, points: c[dataKey] }))), [curves, dataKey]);
  return (
    <div className="chart-frame">
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 28, left: 12 }}>
          <CartesianGrid stroke={GRID} />
          <XAxis type="number" dataKey="x" domain={[0, 'dataMax']} stroke={AXIS}
            label={xTitle('iteration')} />
          <YAxis type="number" domain={dataKey === 'acc' ? accuracyDomain : [0, 'auto']} tickFormatter={format} stroke={AXIS} width={Y_AXIS_WIDTH}
            label={yTitle(yLabel)} />
          <Tooltip formatter={(v) => format(Number(v))} labelFormatter={(s) => `iteration ${s}`} />
          {curves.map((c) => (
            // Only props that never change for a planned round, so recharts keeps the line registered.
            <Line key={c.id} dataKey={c.id} name={`round ${c.round}`} stroke={c.color} strokeWidth={2.5} dot={false} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
});
