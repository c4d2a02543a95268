import { memo, useMemo, useState } from 'react';
import type { SeriesId } from '../../engine/spec';
import { useLiveCurve, useRunMasks, useSelectedRun } from '../../store/hooks';
import { SERIES_NAMES } from '../teaching/text';
import { curvesExplanation } from '../teaching/methodText';
import { ChartCard } from './ChartCard';
import { roundCurves, type RoundCurve } from './chartData';
import { linesTable } from './chartTables';
import { AxisFrame } from './AxisFrame';
import { niceAxis } from './axes';
import { SeriesLegend } from './Legend';
import { CURVES_MIN_INTERVAL_MS, STAGGER, useChartValue, useStaggered } from './useChartValue';
import { useStable } from './useStable';
import { LiveLineChart } from './LiveLineChart';

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
  // The x axis spans the longest planned round from the start: a live round's line grows across fixed ticks
  // instead of the ticks being redrawn (and re-laid out) at every update while the axis stretches.
  const xEnd = useMemo(() => Math.max(0, ...(run?.plan ?? []).filter((p) => p.series === series).map((p) => p.steps)), [run, series]);
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
        <CurveChart curves={curves} dataKey="acc" yLabel="test accuracy (%)" format={formatAccuracy} xEnd={xEnd} />
        <CurveChart curves={lossCurves} dataKey="loss" yLabel="training loss" format={formatLoss} xEnd={xEnd} />
      </div>
    </ChartCard>
  );
}

interface CurveProps {
  curves: RoundCurve[];
  dataKey: 'acc' | 'loss';
  yLabel: string;
  format(v: number): string;
  /** The last iteration the plan trains to (0 when unknown): always on the x axis. */
  xEnd: number;
}

const CurveChart = memo(function CurveChart({ curves, dataKey, yLabel, format, xEnd }: CurveProps) {
  const lines = useMemo(() => curves.filter((c) => c[dataKey].length > 0).map((c) => ({ id: c.id, color: c.color, points: c[dataKey] })), [curves, dataKey]);
  const [x, y] = useMemo(() => {
    const pts = curves.flatMap((c) => c[dataKey]);
    return [niceAxis([...pts.map((p) => p.x), ...(xEnd > 0 ? [xEnd] : [])], { zero: true }), niceAxis(pts.map((p) => p.y), dataKey === 'acc' ? { max: 100 } : { zero: true })];
  }, [curves, dataKey, xEnd]);
  // Redrawn every few hundred ms while a round trains: a plain SVG chart, not recharts (see LiveLineChart).
  return (
    <div className="chart-frame">
      <AxisFrame x="iteration" y={yLabel}>
        <LiveLineChart lines={lines} x={x} y={y} yFormat={format} height={240} />
      </AxisFrame>
    </div>
  );
});
