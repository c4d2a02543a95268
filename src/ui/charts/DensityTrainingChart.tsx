import { memo, useMemo } from 'react';
import { methods } from '../../engine/spec';
import { useRunMaskTrace, useSelectedRun } from '../../store/hooks';
import { DENSITY_TRAINING } from '../teaching/methodText';
import { AxisFrame } from './AxisFrame';
import { ChartCard } from './ChartCard';
import type { XY } from './chartData';
import { densityTrace, type DensityTrace } from './densityTrace';
import { SeriesLegend } from './Legend';
import { niceAxis } from './axes';
import { LiveLineChart } from './LiveLineChart';
import { STAGGER, useChartValue } from './useChartValue';

const pct = (v: number) => `${+v.toFixed(1)} %`;

/** Density per layer and regrown share over training, for methods that change the mask while training. */
export function DensityTrainingChart() {
  const run = useSelectedRun();
  const live = useRunMaskTrace(run?.key);
  const changes = Boolean(run && Object.prototype.hasOwnProperty.call(methods, run.methodId) && methods[run.methodId].teaching.changesMaskDuringTraining);
  const derived = useMemo(() => (changes ? densityTrace(run, live) : null), [changes, run, live]);
  const [trace, cardRef] = useChartValue<DensityTrace | null, HTMLElement>(derived, STAGGER.densityTraining);
  if (!changes) return null;
  return (
    <ChartCard
      title={`Mask over training${run ? ` — ${run.label}` : ''}`} explain={DENSITY_TRAINING} testId="chart-density-training" wide cardRef={cardRef}
      empty={!trace && 'Drawn from the first mask update.'}
    >
      <SeriesLegend items={trace?.layers ?? []} />
      <div className="two-up" data-testid="density-training" data-updates={trace?.regrown.length ?? 0}>
        <TraceChart lines={trace?.layers ?? []} yLabel="weights active in the layer" />
        <TraceChart
          lines={trace ? [{ id: 'regrown', name: 'regrown', color: '#D55E00', points: trace.regrown }] : []}
          yLabel={trace && !trace.regrows ? 'regrown (none: this method only prunes)' : 'share of survivors regrown'}
          dots
        />
      </div>
    </ChartCard>
  );
}

const TraceChart = memo(function TraceChart({ lines, yLabel, dots = false }: { lines: { id: string; name?: string; color: string; points: XY[] }[]; yLabel: string; dots?: boolean }) {
  const [x, y] = useMemo(() => {
    const pts = lines.flatMap((l) => l.points);
    return [niceAxis(pts.map((p) => p.x), { zero: true }), niceAxis(pts.map((p) => p.y), { zero: true, max: 100, minSpan: 1 })];
  }, [lines]);
  // Redrawn at every mask update while the run trains: the plain SVG chart (see LiveLineChart).
  return (
    <div className="chart-frame">
      <AxisFrame x="iteration" y={yLabel}>
        <LiveLineChart lines={lines} x={x} y={y} yFormat={pct} height={220} shape="step" dots={dots} />
      </AxisFrame>
    </div>
  );
});
