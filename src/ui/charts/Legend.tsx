import { memo } from 'react';

export interface LegendItem {
  id: string;
  name: string;
  color: string;
  dash?: string;
}

/**
 * A legend in plain HTML, above the chart: larger and easier to read on a
 * projector than recharts' own, and it costs recharts no measuring pass.
 */
export const SeriesLegend = memo(function SeriesLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="legend">
      {items.map((s) => (
        <li key={s.id}>
          <svg width="28" height="10" aria-hidden>
            <line x1="1" y1="5" x2="27" y2="5" stroke={s.color} strokeWidth="3" strokeDasharray={s.dash} />
          </svg>
          {s.name}
        </li>
      ))}
    </ul>
  );
});
