import { memo } from 'react';
import type { Axis } from './axes';
import type { XY } from './chartData';
import { decimate } from './decimate';
import { AXIS, GRID, Y_AXIS_WIDTH } from './palette';
import { useWidth } from './useWidth';

export interface LiveLine {
  id: string;
  color: string;
  points: XY[];
  dash?: string;
}

/** How a line joins its points: straight, or a step held until the next point (a mask's density between updates). */
export type LineShape = 'linear' | 'step';

interface Props {
  lines: LiveLine[];
  x: Axis;
  y: Axis;
  xFormat?: (v: number) => string;
  yFormat: (v: number) => string;
  height: number;
  shape?: LineShape;
  /** A dot on every point (few, meaningful points: mask updates). */
  dots?: boolean;
}

const M = { top: 8, right: 16, bottom: 22, left: Y_AXIS_WIDTH + 12 };
/** Points drawn per line: about two per pixel column of a wide chart; more would not show. */
const MAX_POINTS = 800;

/**
 * A plain SVG line chart for curves that grow while a run trains. Recharts
 * redraws through its own store, selectors and tick maths on every update,
 * 50–130 ms of main-thread work a redraw on a 4×-throttled laptop; this draws
 * the same grid, ticks and lines as a handful of SVG elements whose path
 * strings cost microseconds, and caps each line's points (decimate), so a
 * redraw stays cheap however long the run.
 */
export const LiveLineChart = memo(function LiveLineChart({ lines, x, y, xFormat = String, yFormat, height, shape = 'linear', dots = false }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const w = Math.max(0, width - M.left - M.right);
  const h = Math.max(0, height - M.top - M.bottom);
  const sx = scale(x.domain, M.left, M.left + w);
  const sy = scale(y.domain, M.top + h, M.top);
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
          {lines.map((l) => {
            const pts = decimate(l.points, MAX_POINTS);
            return (
              <g key={l.id}>
                <path className="chart-line" data-line={l.id} d={pathOf(pts, sx, sy, shape)}
                  fill="none" stroke={l.color} strokeWidth={2.5} strokeDasharray={l.dash} strokeLinejoin="round" />
                {dots && pts.filter(finite).map((p, i) => <circle key={i} className="chart-dot" cx={sx(p.x)} cy={sy(p.y)} r={3} fill={l.color} />)}
              </g>
            );
          })}
        </svg>
      )}
    </div>
  );
});

function scale([d0, d1]: [number, number], r0: number, r1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

const finite = (p: XY) => Number.isFinite(p.x) && Number.isFinite(p.y);

/** "M x,y L x,y …" through the points (a step holds each value until the next x); a non-finite value (a diverged loss) leaves a gap. */
export function pathOf(points: readonly XY[], sx: (v: number) => number, sy: (v: number) => number, shape: LineShape = 'linear'): string {
  let d = '';
  let drawing = false;
  for (const p of points) {
    if (!finite(p)) {
      drawing = false;
      continue;
    }
    const px = sx(p.x).toFixed(1);
    const py = sy(p.y).toFixed(1);
    if (!drawing) d += `M${px},${py}`;
    else d += shape === 'step' ? `H${px}V${py}` : `L${px},${py}`;
    drawing = true;
  }
  return d;
}
