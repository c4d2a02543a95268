import { useState } from 'react';
import { nearestIndex, type Scale } from './svgScale';

export interface ReadoutColumn {
  x: number;
  title: string;
  entries: { id: string; name: string; color: string; value: string }[];
}

interface Props {
  columns: ReadoutColumn[];
  sx: Scale;
  /** The plot area inside the chart, px. */
  box: { left: number; top: number; width: number; height: number };
}

/**
 * The values under the pointer: a guide at the nearest column of points and
 * a small box naming each line's value there. Its state is its own, so
 * moving the pointer redraws this box, never the chart.
 */
export function HoverReadout({ columns, sx, box }: Props) {
  const [at, setAt] = useState(-1);
  const col = at >= 0 && at < columns.length ? columns[at] : null;
  const px = col ? sx(col.x) : 0;
  const onLeft = px > box.left + box.width / 2;
  return (
    <div
      className="hover-layer" data-testid="chart-hover"
      style={{ left: box.left, top: box.top, width: box.width, height: box.height }}
      onPointerMove={(e) => setAt(nearestIndex(columns.map((c) => c.x), sx, e.clientX - e.currentTarget.getBoundingClientRect().left + box.left))}
      onPointerLeave={() => setAt(-1)}
    >
      {col && (
        <>
          <div className="hover-guide" style={{ left: px - box.left }} />
          <div className="hover-box" role="status" style={onLeft ? { right: box.width - (px - box.left) + 10 } : { left: px - box.left + 10 }}>
            <strong>{col.title}</strong>
            {col.entries.map((e) => (
              <span key={e.id}><i style={{ background: e.color }} />{e.name}: {e.value}</span>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
