import { memo, useMemo } from 'react';
import type { Axis } from './axes';
import type { SeriesPoint, XY } from './chartData';
import { decimate } from './decimate';
import { HoverReadout, type ReadoutColumn } from './HoverReadout';
import { AXIS, GRID, Y_AXIS_WIDTH } from './palette';
import { scaleOf, type Scale } from './svgScale';
import { useWidth } from './useWidth';

export interface LiveLine {
  id: string;
  /** Shown in the hover readout. */
  name?: string;
  color: string;
  points: readonly SeriesPoint[];
  dash?: string;
}

/** How a line joins its points: straight, or a step held until the next point (a mask's density between updates). */
export type LineShape = 'linear' | 'step';

/** What hovering shows: a title per column of points (from its first point) and each line's value. */
export interface Readout {
  title(p: SeriesPoint): string;
  value(p: SeriesPoint): string;
}

interface Props {
  lines: LiveLine[];
  x: Axis;
  y: Axis;
  xFormat?: (v: number) => string;
  yFormat: (v: number) => string;
  height: number;
  shape?: LineShape;
  /** A dot on every point (few, meaningful points: one per round, or per mask update). */
  dots?: boolean;
  /** A log x axis (weights remaining spans decades), optionally reversed: dense on the left, sparser to the right. */
  xLog?: boolean;
  xReversed?: boolean;
  /** Room inside the plot, px, so that dots at the domain's ends are not cut. */
  pad?: { x: number; y: number };
  readout?: Readout;
}

const M = { top: 8, right: 16, bottom: 22, left: Y_AXIS_WIDTH + 12 };
/** Points drawn per line: about two per pixel column of a wide chart; more would not show. */
const MAX_POINTS = 800;
const NO_PAD = { x: 0, y: 0 };

/**
 * A plain SVG line chart for everything that redraws while a run trains.
 * Recharts redraws through its own store, selectors and tick maths: on a
 * 4×-throttled laptop one redraw of the accuracy-vs-sparsity chart took
 * 150–180 ms of main-thread time at a round's end, and 50–130 ms for the live
 * curves. This draws the same grid, ticks, lines, dots and error bars as a
 * handful of SVG elements whose path strings cost microseconds, and caps each
 * line's points (decimate), so a redraw stays cheap however long the run.
 */
export const LiveLineChart = memo(function LiveLineChart(props: Props) {
  const { lines, x, y, xFormat = String, yFormat, height, shape = 'linear', dots = false, xLog = false, xReversed = false, pad = NO_PAD, readout } = props;
  const [ref, width] = useWidth<HTMLDivElement>();
  const w = Math.max(0, width - M.left - M.right);
  const h = Math.max(0, height - M.top - M.bottom);
  const [x0, x1] = [M.left + pad.x, M.left + w - pad.x];
  const sx = scaleOf(x.domain, xReversed ? x1 : x0, xReversed ? x0 : x1, xLog);
  const sy = scaleOf(y.domain, M.top + h - pad.y, M.top + pad.y);
  const columns = useMemo(() => (readout ? readoutColumns(lines, readout) : []), [lines, readout]);
  return (
    <div ref={ref} className="live-chart" style={{ height }}>
      {width > 0 && (
        <svg width={width} height={height} className="live-chart-svg" aria-hidden="true">
          {x.ticks.map((t) => <line key={`gx${t}`} x1={sx(t)} x2={sx(t)} y1={M.top} y2={M.top + h} stroke={GRID} />)}
          {y.ticks.map((t) => <line key={`gy${t}`} x1={M.left} x2={M.left + w} y1={sy(t)} y2={sy(t)} stroke={GRID} />)}
          <line x1={M.left} x2={M.left + w} y1={M.top + h} y2={M.top + h} stroke={AXIS} />
          <line x1={M.left} x2={M.left} y1={M.top} y2={M.top + h} stroke={AXIS} />
          {x.ticks.map((t) => <text key={`tx${t}`} x={sx(t)} y={M.top + h + 6} dy="0.71em" textAnchor="middle" fill={AXIS} className="tick-label">{xFormat(t)}</text>)}
          {y.ticks.map((t) => <text key={`ty${t}`} x={M.left - 6} y={sy(t)} dy="0.32em" textAnchor="end" fill={AXIS} className="tick-label">{yFormat(t)}</text>)}
          {lines.map((l) => <Line key={l.id} line={l} sx={sx} sy={sy} shape={shape} dots={dots} />)}
        </svg>
      )}
      {width > 0 && readout && <HoverReadout columns={columns} sx={sx} box={{ left: M.left, top: M.top, width: w, height: h }} />}
    </div>
  );
});

function Line({ line, sx, sy, shape, dots }: { line: LiveLine; sx: Scale; sy: Scale; shape: LineShape; dots: boolean }) {
  const pts = decimate(line.points, MAX_POINTS);
  const shown = dots ? pts.filter((p) => finite(p) && Number.isFinite(sx(p.x))) : [];
  return (
    <g>
      <path className="chart-line" data-line={line.id} d={pathOf(pts, sx, sy, shape)}
        fill="none" stroke={line.color} strokeWidth={line.dash ? 2 : 2.5} strokeDasharray={line.dash} strokeLinejoin="round" />
      {shown.map((p, i) => p.err !== undefined && p.err > 0 && (
        <path key={`e${i}`} className="chart-err" d={errorBarOf(p, sx, sy)} stroke={line.color} strokeWidth={1.5} fill="none" />
      ))}
      {shown.map((p, i) => <circle key={i} className="chart-dot" cx={sx(p.x)} cy={sy(p.y)} r={4} fill={line.color} />)}
    </g>
  );
}

const finite = (p: XY) => Number.isFinite(p.x) && Number.isFinite(p.y);

/** ± one standard deviation as an I-beam, 5 px wide. */
export function errorBarOf(p: SeriesPoint, sx: Scale, sy: Scale): string {
  const cx = sx(p.x).toFixed(1);
  const [lo, hi] = [sy(p.y - (p.err ?? 0)).toFixed(1), sy(p.y + (p.err ?? 0)).toFixed(1)];
  const [l, r] = [(sx(p.x) - 2.5).toFixed(1), (sx(p.x) + 2.5).toFixed(1)];
  return `M${cx},${lo}V${hi}M${l},${lo}H${r}M${l},${hi}H${r}`;
}

/** The hover readout's columns: points at the same x, across lines, in x order. */
export function readoutColumns(lines: readonly LiveLine[], readout: Readout): ReadoutColumn[] {
  const byX = new Map<number, ReadoutColumn>();
  for (const l of lines) {
    for (const p of l.points) {
      if (!finite(p)) continue;
      let col = byX.get(p.x);
      if (!col) byX.set(p.x, (col = { x: p.x, title: readout.title(p), entries: [] }));
      col.entries.push({ id: l.id, name: l.name ?? l.id, color: l.color, value: readout.value(p) });
    }
  }
  return [...byX.values()].sort((a, b) => a.x - b.x);
}

/** "M x,y L x,y …" through the points (a step holds each value until the next x); a non-finite value (a diverged loss) leaves a gap. */
export function pathOf(points: readonly XY[], sx: Scale, sy: Scale, shape: LineShape = 'linear'): string {
  let d = '';
  let drawing = false;
  for (const p of points) {
    const [px, py] = [sx(p.x), sy(p.y)];
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      drawing = false;
      continue;
    }
    const [a, b] = [px.toFixed(1), py.toFixed(1)];
    if (!drawing) d += `M${a},${b}`;
    else d += shape === 'step' ? `H${a}V${b}` : `L${a},${b}`;
    drawing = true;
  }
  return d;
}
