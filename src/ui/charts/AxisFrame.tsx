import type { ReactNode } from 'react';

/**
 * Axis titles as HTML around a chart: recharts lays out SVG labels by
 * measuring each word in the DOM on every redraw, and HTML text also reads
 * better on a projector.
 */
export function AxisFrame({ x, y, children }: { x: string; y: string; children: ReactNode }) {
  return (
    <div className="axis-frame">
      <span className="y-title">{y}</span>
      <div className="plot">{children}</div>
      <span className="x-title">{x}</span>
    </div>
  );
}
