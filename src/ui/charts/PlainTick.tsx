import type { BaseTickContentProps } from 'recharts';
import { AXIS } from './palette';

const DY: Record<string, string> = { start: '0.71em', middle: '0.32em', end: '0' };

/**
 * A tick label as a bare <text>. Recharts' own <Text> measures every word in
 * the DOM to wrap it to the axis width, on every redraw, for labels that are
 * a few characters long.
 */
export function PlainTick({ x, y, payload, index, textAnchor, verticalAnchor, tickFormatter }: BaseTickContentProps) {
  const text = tickFormatter ? tickFormatter(payload.value, index) : String(payload.value);
  return (
    <text x={x} y={y} dy={DY[verticalAnchor] ?? '0.32em'} textAnchor={textAnchor} fill={AXIS} className="tick-label">
      {text}
    </text>
  );
}
