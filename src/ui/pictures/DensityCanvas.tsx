import { memo, useEffect, useRef } from 'react';
import type { DensityMap } from '../../worker/protocol';
import { formatPct } from '../charts/chartData';
import { densityPixels } from './colormap';

interface Props {
  map: DensityMap;
  /** The grid is scaled up without smoothing to fit a box this many CSS pixels a side. */
  box: number;
  label: string;
  testId?: string;
}

/** A density grid drawn once per change into a canvas of its own size, then scaled by CSS. */
export const DensityCanvas = memo(function DensityCanvas({ map, box, label, testId }: Props) {
  const scale = box / Math.max(map.w, map.h);
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(densityPixels(map.cells), map.w, map.h), 0, 0);
  }, [map]);
  return (
    <canvas
      ref={ref} width={map.w} height={map.h} role="img" aria-label={label} data-testid={testId}
      className="density-canvas" style={{ width: map.w * scale, height: map.h * scale }}
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
