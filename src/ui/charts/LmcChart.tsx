import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LmcPoint } from '../../engine/spec';
import { useSelectedRun } from '../../store/hooks';
import { LMC } from '../teaching/methodText';
import { AxisFrame } from './AxisFrame';
import { ChartCard } from './ChartCard';
import { mergeByX, type XY } from './chartData';
import { SeriesLegend } from './Legend';
import { niceAxis } from './axes';
import { AXIS, GRID, roundColor, Y_AXIS_WIDTH } from './palette';
import { PlainTick } from './PlainTick';
import { STAGGER, useChartValue } from './useChartValue';

const NONE: LmcPoint[] = [];
const pct = (v: number) => `${+v.toFixed(2)} %`;

/** Interpolation curves per k and the error barrier against k, for instability-analysis runs (LmcSlot shows it only for them). */
export function LmcChart() {
  const run = useSelectedRun();
  const [points, cardRef] = useChartValue<LmcPoint[], HTMLElement>(run?.lmc ?? NONE, STAGGER.densityTraining);
  const lines = useMemo(
    () => points.map((p, i) => ({ id: `k${p.k}`, name: `k = ${p.k}`, color: roundColor(i, points.length), points: p.alphas.map((a, j) => ({ x: a, y: 100 * p.testError[j] })) })),
    [points],
  );
  const barrier = useMemo(() => [{ id: 'barrier', name: 'error barrier', color: '#D55E00', points: points.map((p) => ({ x: p.k, y: 100 * p.barrier })) }], [points]);
  const worst = points.reduce((m, p) => Math.max(m, p.barrier), 0);
  const note = points.length > 0 ? `Largest barrier so far: ${pct(100 * worst)} (${points.map((p) => `k = ${p.k}: ${pct(100 * p.barrier)}`).join(', ')}).` : null;
  return (
    <ChartCard title="Linear mode connectivity: error along the line between two copies" explain={LMC} testId="chart-lmc" wide cardRef={cardRef} note={note}
      empty={points.length === 0 && 'A line appears when both copies from the first k have trained.'}
    >
      <SeriesLegend items={lines} />
      <div className="two-up" data-testid="lmc" data-ks={points.length}>
        <LmcLines lines={lines} xLabel="α: position on the line between the copies" yLabel="test error" xMax={1} />
        <LmcLines lines={barrier} xLabel="k: iteration the copies start from" yLabel="error barrier" dots />
      </div>
    </ChartCard>
  );
}

const LmcLines = memo(function LmcLines({ lines, xLabel, yLabel, xMax, dots = true }: { lines: { id: string; color: string; points: XY[] }[]; xLabel: string; yLabel: string; xMax?: number; dots?: boolean }) {
  const rows = useMemo(() => mergeByX(lines), [lines]);
  const [x, y] = useMemo(() => {
    const pts = lines.flatMap((l) => l.points);
    return [niceAxis([...pts.map((p) => p.x), ...(xMax ? [xMax] : [])], { zero: true }), niceAxis(pts.map((p) => p.y), { zero: true, minSpan: 1 })];
  }, [lines, xMax]);
  return (
    <div className="chart-frame">
      <AxisFrame x={xLabel} y={yLabel}>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 12 }}>
            <CartesianGrid stroke={GRID} />
            <XAxis tick={PlainTick} type="number" dataKey="x" domain={x.domain} ticks={x.ticks} interval={0} stroke={AXIS} padding={{ left: 6, right: 6 }} />
            <YAxis tick={PlainTick} type="number" domain={y.domain} ticks={y.ticks} interval={0} tickFormatter={pct} stroke={AXIS} width={Y_AXIS_WIDTH} padding={{ top: 6, bottom: 6 }} />
            <Tooltip formatter={(v) => pct(Number(v))} />
            {lines.map((l) => (
              <Line key={l.id} dataKey={l.id} stroke={l.color} strokeWidth={2.5} dot={dots ? { r: 3, fill: l.color } : false} isAnimationActive={false} connectNulls />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </AxisFrame>
    </div>
  );
});
