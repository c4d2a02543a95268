import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { methods } from '../../engine/methods/registry';
import { useRunMaskTrace, useSelectedRun } from '../../store/hooks';
import { DENSITY_TRAINING } from '../teaching/methodText';
import { AxisFrame } from './AxisFrame';
import { ChartCard } from './ChartCard';
import { mergeByX, type XY } from './chartData';
import { densityTrace, type DensityTrace } from './densityTrace';
import { SeriesLegend } from './Legend';
import { niceAxis } from './axes';
import { AXIS, GRID, Y_AXIS_WIDTH } from './palette';
import { PlainTick } from './PlainTick';
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
  const rows = useMemo(() => mergeByX(lines), [lines]);
  const [x, y] = useMemo(() => {
    const pts = lines.flatMap((l) => l.points);
    return [niceAxis(pts.map((p) => p.x), { zero: true }), niceAxis(pts.map((p) => p.y), { zero: true, max: 100, minSpan: 1 })];
  }, [lines]);
  return (
    <div className="chart-frame">
      <AxisFrame x="iteration" y={yLabel}>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 12 }}>
            <CartesianGrid stroke={GRID} />
            <XAxis tick={PlainTick} type="number" dataKey="x" domain={x.domain} ticks={x.ticks} interval={0} stroke={AXIS} />
            <YAxis tick={PlainTick} type="number" domain={y.domain} ticks={y.ticks} interval={0} tickFormatter={pct} stroke={AXIS} width={Y_AXIS_WIDTH} padding={{ top: 6, bottom: 6 }} />
            {lines.map((l) => (
              <Line key={l.id} dataKey={l.id} stroke={l.color} strokeWidth={2.5} dot={dots ? { r: 3, fill: l.color } : false} isAnimationActive={false} connectNulls type="stepAfter" />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </AxisFrame>
    </div>
  );
});
