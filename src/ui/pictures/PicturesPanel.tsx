import { useEffect, useMemo, useState } from 'react';
import { useRunPictures, useSelectedRun } from '../../store/hooks';
import type { RoundPictures, WeightHistogram } from '../../worker/protocol';
import { formatPct } from '../charts/chartData';
import { ChartCard } from '../charts/ChartCard';
import { CHARTS, SERIES_NAMES } from '../teaching/text';
import { DensityCanvas, DensityLegend } from './DensityCanvas';
import { histogramTable, WeightHistogramChart } from './WeightHistogramChart';
import { STAGGER, useChartValue } from '../charts/useChartValue';

const EMPTY_HISTOGRAM: WeightHistogram = { limit: 0, kept: [], pruned: 0, total: 0 };

const pictureKey = (p: RoundPictures) => `${p.series}/${p.round}/${p.phase}`;

function pictureName(p: RoundPictures): string {
  const who = p.series === 'trunk' ? '' : `${SERIES_NAMES[p.series]} · `;
  return `${who}${p.phase === 'start' ? 'before training' : `after round ${p.round}`} · ${formatPct(100 * p.density)} kept`;
}

/** The selected run's masks and weights as pictures, for any finished round (the newest by default). */
export function PicturesPanel() {
  const run = useSelectedRun();
  const [pictures, sectionRef] = useChartValue<RoundPictures[], HTMLElement>(useRunPictures(run?.key), STAGGER.pictures);
  const [picked, setPicked] = useState<string | null>(null);
  useEffect(() => setPicked(null), [run?.key]);
  // By default the newest picture of the method's own network (a round's controls come after it).
  const current = useMemo(
    () => pictures.find((p) => pictureKey(p) === picked) ?? pictures.findLast((p) => p.series === 'trunk') ?? pictures[pictures.length - 1] ?? null,
    [pictures, picked],
  );
  const waiting = !current && 'Drawn from the network when a round ends.';
  return (
    <section ref={sectionRef} className="pictures" data-pictures={pictures.length}>
      <header className="section-head">
        <h2 className="section-title">Pictures of sparsity</h2>
        {current && (
          <select aria-label="Round" value={pictureKey(current)} onChange={(e) => setPicked(e.target.value)} data-testid="picture-round">
            {pictures.map((p) => <option key={pictureKey(p)} value={pictureKey(p)}>{pictureName(p)}</option>)}
          </select>
        )}
      </header>
      <div className="pictures-grid">
        {(!current || current.input) && (
          <ChartCard title="Connections kept per input pixel" explain={CHARTS.input} testId="picture-input" empty={waiting}>
            {current?.input && (
              <div className="input-map">
                <DensityCanvas map={current.input} box={252} label="first-layer mask per input pixel" testId="input-heatmap" />
                <DensityLegend max={current.input.max} />
              </div>
            )}
          </ChartCard>
        )}
        <ChartCard title="Mask of each layer" explain={CHARTS.layerMaps} testId="picture-layers" empty={waiting}
          table={current ? () => ({ columns: ['layer', 'shape', 'densest cell keeps'], rows: current.layers.map((m) => [m.name.replace('/kernel', ''), `${m.rows}×${m.cols}`, formatPct(100 * m.max)]) }) : undefined}>
          <div className="layer-maps">
            {current?.layers.map((m) => (
              <figure key={m.name}>
                <DensityCanvas map={m} box={150} label={`mask of ${m.name}`} />
                <figcaption>{m.name.replace('/kernel', '')} <span className="muted">{m.rows}×{m.cols}</span></figcaption>
                <DensityLegend max={m.max} />
              </figure>
            ))}
          </div>
        </ChartCard>
        <ChartCard title="Weight histogram" explain={CHARTS.histogram} testId="picture-histogram" empty={waiting}
          table={current ? () => histogramTable(current.histogram) : undefined}>
          <WeightHistogramChart h={current?.histogram ?? EMPTY_HISTOGRAM} />
        </ChartCard>
      </div>
    </section>
  );
}
