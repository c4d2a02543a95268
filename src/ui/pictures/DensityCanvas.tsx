import { memo, useEffect, useRef } from 'react';
import type { DensityMap } from '../../worker/protocol';
import { formatPct } from '../charts/chartData';
import { densityPixels } from './colormap';

interface Props {
  map: DensityMap;
  /** Displayed width in CSS pixels; the grid is scaled up without smoothing. */
  width: number;
  label: string;
  testId?: string;
}

/** A density grid drawn once per change into a canvas of its own size, then scaled by CSS. */
export const DensityCanvas = memo(function DensityCanvas({ map, width, label, testId }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(densityPixels(map.cells), map.w, map.h), 0, 0);
  }, [map]);
  return (
    <canvas
      ref={ref} width={map.w} height={map.h} role="img" aria-label={label} data-testid={testId}
      className="density-canvas" style={{ width, height: (width * map.h) / map.w }}
    />
  );
});

/** The colour ramp, from no connection kept to the densest cell's share. */
export function DensityLegend({ max }: { max: number }) {
  return (
    <div className="density-legend" aria-hidden>
      <span>0 % kept</span>
      <span className="density-ramp" />
      <span>{formatPct(100 * max)} kept</span>
    </div>
  );
}
