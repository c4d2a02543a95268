import { memo } from 'react';
import type { Axis } from './axes';
import { AXIS, GRID, Y_AXIS_WIDTH } from './palette';
import { scaleOf } from './svgScale';
import { useWidth } from './useWidth';

export interface Bar {
  key: string;
  /** Under the bar (or every `labelEvery`-th bar). */
  label: string;
  value: number;
  /** On hover (an SVG title, so screen readers and touch long-press get it too). */
  title: string;
  /** Above the bar, when there is room. */
  top?: string;
}

interface Props {
  bars: Bar[];
  y: Axis;
  yFormat(v: number): string;
  height: number;
  /** Label at most every n-th bar (more are skipped when they would touch). */
  labelEvery?: number;
  /** Gap between bars as a share of each slot. */
  gap?: number;
  color?: string;
}

const M = { top: 22, right: 16, bottom: 22, left: Y_AXIS_WIDTH + 12 };
/** About one character of a tick label, px (0.85rem). */
const CHAR_PX = 7.5;

/**
 * Plain SVG bars (weights kept per layer, the weight histogram): both change
 * at every round's end, when the page is busiest, and recharts' bar chart
 * costs tens of milliseconds a redraw on a slow laptop where this costs a few.
 */
export const BarsChart = memo(function BarsChart({ bars, y, yFormat, height, labelEvery = 1, gap = 0.3, color = '#0072B2' }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const w = Math.max(0, width - M.left - M.right);
  const h = Math.max(0, height - M.top - M.bottom);
  const sy = scaleOf(y.domain, M.top + h, M.top);
  const slot = bars.length ? w / bars.length : 0;
  const barW = Math.max(1, slot * (1 - gap));
  // Labels above the bars only when each has room for "12.3 %"; labels under them thinned until they do not touch.
  const tops = slot >= 44;
  const widest = bars.reduce((m, b) => Math.max(m, b.label.length), 0) * CHAR_PX + 10;
  const every = Math.max(labelEvery, slot > 0 ? Math.ceil(widest / slot) : 1);
  return (
    <div ref={ref} className="live-chart" style={{ height }}>
      {width > 0 && (
        <svg width={width} height={height} className="live-chart-svg" role="img" aria-label="bar chart (the table view lists the same numbers)">
          {y.ticks.map((t) => <line key={`gy${t}`} x1={M.left} x2={M.left + w} y1={sy(t)} y2={sy(t)} stroke={GRID} />)}
          {y.ticks.map((t) => <text key={`ty${t}`} x={M.left - 6} y={sy(t)} dy="0.32em" textAnchor="end" fill={AXIS} className="tick-label">{yFormat(t)}</text>)}
          {bars.map((b, i) => {
            const cx = M.left + (i + 0.5) * slot;
            const top = sy(Math.min(Math.max(b.value, y.domain[0]), y.domain[1]));
            return (
              <g key={b.key} className="chart-bar">
                <rect x={cx - barW / 2} y={top} width={barW} height={Math.max(0, M.top + h - top)} fill={color} rx={slot > 24 ? 3 : 0}>
                  <title>{b.title}</title>
                </rect>
                {tops && b.top && <text x={cx} y={top - 5} textAnchor="middle" fill={AXIS} className="tick-label">{b.top}</text>}
                {i % every === 0 && <text x={cx} y={M.top + h + 6} dy="0.71em" textAnchor="middle" fill={AXIS} className="tick-label">{b.label}</text>}
              </g>
            );
          })}
          <line x1={M.left} x2={M.left + w} y1={M.top + h} y2={M.top + h} stroke={AXIS} />
          <line x1={M.left} x2={M.left} y1={M.top} y2={M.top + h} stroke={AXIS} />
        </svg>
      )}
    </div>
  );
});
