import { memo, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { PlainTick } from './PlainTick';
import type { SeriesId } from '../../engine/experiment/events';
import { useLiveCurve, useRunMasks, useSelectedRun } from '../../store/hooks';
import { SERIES_NAMES } from '../teaching/text';
import { curvesExplanation } from '../teaching/methodText';
import { ChartCard } from './ChartCard';
import { mergeByX, roundCurves, type RoundCurve } from './chartData';
import { linesTable } from './chartTables';
import { AxisFrame } from './AxisFrame';
import { niceAxis } from './axes';
import { SeriesLegend } from './Legend';
import { CURVES_MIN_INTERVAL_MS, STAGGER, useChartValue, useStaggered } from './useChartValue';
import { useStable } from './useStable';
import { AXIS, GRID, Y_AXIS_WIDTH } from './palette';

const formatAccuracy = (v: number) => `${v.toFixed(1)} %`;
const formatLoss = (v: number) => v.toFixed(3);

/** Accuracy and loss against iteration, one line per round of the selected run. */
export function RoundCurvesChart() {
  const run = useSelectedRun();
  const live = useLiveCurve(run?.key);
  const masks = useRunMasks(run?.key);
  const [series, setSeries] = useState<SeriesId>('trunk');
  const derived = useStable(useMemo(() => roundCurves(run, series, live, masks), [run, series, live, masks]));
  const [curves, cardRef] = useChartValue<RoundCurve[], HTMLElement>(derived, STAGGER.curves, CURVES_MIN_INTERVAL_MS);
  const drawn = useMemo(() => curves.filter((c) => c.acc.length > 0), [curves]);
  // The loss chart follows a moment later, so the two redraws are separate tasks.
  const lossCurves = useStaggered(curves, STAGGER.curvesLoss);
  const available = useMemo(() => ['trunk', ...(run?.config?.controls ?? [])] as SeriesId[], [run]);
  const tools = available.length > 1 && (
    <select aria-label="Which network" value={series} onChange={(e) => setSeries(e.target.value as SeriesId)}>
      {available.map((s) => <option key={s} value={s}>{s === 'trunk' ? run?.seriesName ?? 'method' : SERIES_NAMES[s]}</option>)}
    </select>
  );
  return (
    <ChartCard
      title={`Training curves${run ? ` — ${run.label}` : ''}`} explain={curvesExplanation(run?.methodId)} testId="chart-curves" tools={tools} wide cardRef={cardRef}
      table={() => linesTable(drawn.flatMap((c) => [{ name: `${c.name}: test accuracy (%)`, points: c.acc }, { name: `${c.name}: training loss`, points: c.loss }]), 'iteration', String, (v) => v.toFixed(3))}
      empty={drawn.length === 0 && 'Curves appear at the first evaluation.'}
    >
      <SeriesLegend items={drawn} />
      <div className="two-up" data-testid="curves" data-lines={drawn.length}>
        <CurveChart curves={curves} dataKey="acc" yLabel="test accuracy (%)" format={formatAccuracy} />
        <CurveChart curves={lossCurves} dataKey="loss" yLabel="training loss" format={formatLoss} />
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

const CurveChart = memo(function CurveChart({ curves, dataKey, yLabel, format }: CurveProps) {
  const rows = useMemo(() => mergeByX(curves.map((c) => ({ id: c.id, points: c[dataKey] }))), [curves, dataKey]);
  const [x, y] = useMemo(() => {
    const pts = curves.flatMap((c) => c[dataKey]);
    return [niceAxis(pts.map((p) => p.x), { zero: true }), niceAxis(pts.map((p) => p.y), dataKey === 'acc' ? { max: 100 } : { zero: true })];
  }, [curves, dataKey]);
  return (
    <div className="chart-frame">
      <AxisFrame x="iteration" y={yLabel}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 12 }}>
          <CartesianGrid stroke={GRID} />
          <XAxis tick={PlainTick} type="number" dataKey="x" domain={x.domain} ticks={x.ticks} interval={0} stroke={AXIS} />
          <YAxis tick={PlainTick} type="number" domain={y.domain} ticks={y.ticks} interval={0} tickFormatter={format} stroke={AXIS} width={Y_AXIS_WIDTH} />

          {curves.filter((c) => c[dataKey].length > 0).map((c) => (
            // A line joins when its round has data (one registration at a time), and its props never change
            // after that (the colour comes from the plan), so recharts keeps it registered while points stream in.
            <Line key={c.id} dataKey={c.id} name={`round ${c.round}`} stroke={c.color} strokeWidth={2.5} dot={false} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
      </AxisFrame>
    </div>
  );
});
