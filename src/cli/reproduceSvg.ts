/**
 * The LTH Fig. 3-style chart as a standalone SVG string: test accuracy at
 * early stop against % of weights remaining (log scale, decreasing to the
 * right as in the paper), one line per series with ±1 std error bars, and the
 * dense accuracy as a dashed reference. Hand-written so the CLI needs no
 * charting dependency; pure, so tests can count its paths and points.
 */
import type { SeriesId } from '../engine/experiment/events';
import type { AggRow } from './reproduceAnalysis';

export const SERIES_STYLE: Record<SeriesId, { label: string; color: string }> = {
  trunk: { label: 'IMP ticket (reset to θ0)', color: '#1f77b4' },
  reinit: { label: 'Random re-init (same mask)', color: '#d62728' },
  'random-mask': { label: 'Random mask (same layer counts)', color: '#2ca02c' },
};

export interface ChartOptions {
  width?: number;
  height?: number;
  title?: string;
  /** Which accuracy to plot. */
  metric?: 'esAcc' | 'finalAcc';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const f = (x: number) => x.toFixed(1);

export function lthChartSvg(rows: AggRow[], opts: ChartOptions = {}): string {
  const W = opts.width ?? 720;
  const H = opts.height ?? 440;
  const metric = opts.metric ?? 'esAcc';
  const m = { l: 64, r: 20, t: 40, b: 96 };
  const dense = rows.find((r) => r.series === 'trunk' && r.round === 0);
  const series = (['trunk', 'reinit', 'random-mask'] as SeriesId[]).filter((s) => rows.some((r) => r.series === s));
  // Every series starts from the shared dense point (controls exist only for pruned rounds).
  const points = (s: SeriesId) =>
    [...(dense && s !== 'trunk' ? [dense] : []), ...rows.filter((r) => r.series === s)].sort((a, b) => b.density - a.density);

  const all = rows.filter((r) => Number.isFinite(r[metric].mean));
  const pcts = all.map((r) => r.density * 100);
  const xMax = Math.log10(Math.max(100, ...pcts) * 1.1); // room for the dense point off the y axis
  const xMin = Math.log10(Math.min(...pcts, 100) / 1.15);
  const lo = Math.min(...all.map((r) => r[metric].mean - r[metric].std)) * 100;
  const hi = Math.max(...all.map((r) => r[metric].mean + r[metric].std)) * 100;
  const pad = Math.max(0.1, (hi - lo) * 0.08);
  const yMin = Math.floor((lo - pad) * 10) / 10;
  const yMax = Math.ceil((hi + pad) * 10) / 10;
  // Decreasing Pm to the right, as LTH Fig. 3.
  const X = (pct: number) => m.l + ((xMax - Math.log10(pct)) / (xMax - xMin || 1)) * (W - m.l - m.r);
  const Y = (accPct: number) => m.t + ((yMax - accPct) / (yMax - yMin || 1)) * (H - m.t - m.b);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  if (opts.title) out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(opts.title)}</text>`);

  // Axes, ticks and grid.
  const x0 = m.l, x1 = W - m.r, y0 = H - m.b, y1 = m.t;
  out.push(`<g class="axes" stroke="#333"><line x1="${x0}" y1="${y0}" x2="${x1}" y2="${y0}"/><line x1="${x0}" y1="${y0}" x2="${x0}" y2="${y1}"/></g>`);
  const xticks = [...new Set(rows.filter((r) => r.series === 'trunk').map((r) => +(r.density * 100).toFixed(1)))].sort((a, b) => b - a);
  for (const t of xticks) {
    out.push(`<line x1="${f(X(t))}" y1="${y0}" x2="${f(X(t))}" y2="${y0 + 5}" stroke="#333"/><text x="${f(X(t))}" y="${y0 + 18}" text-anchor="middle">${t >= 100 ? '100' : t.toFixed(1)}</text>`);
  }
  const step = yMax - yMin > 4 ? 1 : yMax - yMin > 1.5 ? 0.5 : 0.2;
  for (let v = Math.ceil(yMin / step) * step; v <= yMax + 1e-9; v += step) {
    out.push(`<line x1="${x0}" y1="${f(Y(v))}" x2="${x1}" y2="${f(Y(v))}" stroke="#eee"/><text x="${x0 - 6}" y="${f(Y(v) + 4)}" text-anchor="end">${v.toFixed(1)}</text>`);
  }
  out.push(`<text x="${(x0 + x1) / 2}" y="${y0 + 38}" text-anchor="middle">% of weights remaining (log scale)</text>`);
  out.push(`<text transform="translate(16 ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">test accuracy ${metric === 'esAcc' ? 'at early stop' : 'at end of training'} (%)</text>`);

  if (dense) {
    const y = f(Y(dense[metric].mean * 100));
    out.push(`<line class="dense-ref" x1="${x0}" y1="${y}" x2="${x1}" y2="${y}" stroke="#777" stroke-dasharray="5 4"/>`);
  }

  for (const [k, s] of series.entries()) {
    const { color } = SERIES_STYLE[s];
    const pts = points(s).filter((r) => Number.isFinite(r[metric].mean));
    // Series share x positions: shift each a few pixels so error bars do not hide each other.
    const dx = (k - (series.length - 1) / 2) * 4;
    const PX = (r: AggRow) => f(X(r.density * 100) + (r.round === 0 ? 0 : dx));
    const d = pts.map((r, i) => `${i === 0 ? 'M' : 'L'}${PX(r)} ${f(Y(r[metric].mean * 100))}`).join(' ');
    out.push(`<g class="series" data-series="${s}">`);
    out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const r of pts) {
      const x = PX(r);
      const { mean, std } = r[metric];
      out.push(`<line class="err" x1="${x}" y1="${f(Y((mean + std) * 100))}" x2="${x}" y2="${f(Y((mean - std) * 100))}" stroke="${color}"/>`);
      out.push(`<circle class="pt" cx="${x}" cy="${f(Y(mean * 100))}" r="3.5" fill="${color}"><title>${esc(`${SERIES_STYLE[s].label}: ${(r.density * 100).toFixed(1)} % → ${(mean * 100).toFixed(2)} ± ${(std * 100).toFixed(2)} % (n=${r[metric].n})`)}</title></circle>`);
    }
    out.push('</g>');
  }

  // Legend under the plot, one entry per series plus the dense reference.
  const entries = [...series.map((s) => ({ label: SERIES_STYLE[s].label, color: SERIES_STYLE[s].color, dash: '' })), ...(dense ? [{ label: 'Dense (100 %)', color: '#777', dash: ' stroke-dasharray="5 4"' }] : [])];
  const colW = (W - m.l - m.r) / 2;
  entries.forEach((e, i) => {
    const lx = m.l + (i % 2) * colW;
    const ly = y0 + 58 + Math.floor(i / 2) * 18;
    out.push(`<g class="legend"><line x1="${lx}" y1="${ly - 4}" x2="${lx + 24}" y2="${ly - 4}" stroke="${e.color}" stroke-width="2"${e.dash}/><text x="${lx + 30}" y="${ly}">${esc(e.label)}</text></g>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
