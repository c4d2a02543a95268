/**
 * Accuracy against % of weights remaining as a standalone SVG string: log x
 * axis decreasing to the right (as LTH Fig. 3), one line per series with ±1
 * std error bars, an optional dashed reference (dense accuracy) and a legend.
 * Hand-written so the CLI needs no charting dependency; pure, so tests can
 * count its paths and points. The LTH reproduction and `lab merge` draw with it.
 */
export interface ChartPoint {
  /** % of weights remaining. */
  pct: number;
  /** Accuracy in %. */
  mean: number;
  std: number;
  n: number;
  /** Small horizontal nudge in px (series sharing x positions). */
  dx?: number;
}

export interface ChartLine {
  id: string;
  label: string;
  color: string;
  points: ChartPoint[];
}

export interface DensityChartOptions {
  width?: number;
  height?: number;
  title?: string;
  yLabel: string;
  /** % values labelled on the x axis (default: every point's). */
  xTicks?: number[];
  reference?: { label: string; value: number };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const f = (x: number) => x.toFixed(1);

export const LINE_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];

export function densityChartSvg(lines: ChartLine[], opts: DensityChartOptions): string {
  const W = opts.width ?? 720;
  const legendRows = Math.ceil((lines.length + (opts.reference ? 1 : 0)) / 2);
  const H = opts.height ?? 380 + legendRows * 18;
  const m = { l: 64, r: 20, t: 40, b: 60 + legendRows * 18 };
  const all = lines.flatMap((l) => l.points).filter((p) => Number.isFinite(p.mean));
  const pcts = all.map((p) => p.pct);
  const xMax = Math.log10(Math.max(100, ...pcts) * 1.1); // room for the dense point off the y axis
  const xMin = Math.log10(Math.min(...pcts, 100) / 1.15);
  const ys = [...all.flatMap((p) => [p.mean - p.std, p.mean + p.std]), ...(opts.reference ? [opts.reference.value] : [])];
  const lo = ys.length ? Math.min(...ys) : 0;
  const hi = ys.length ? Math.max(...ys) : 100;
  const pad = Math.max(0.1, (hi - lo) * 0.08);
  const yMin = Math.floor((lo - pad) * 10) / 10;
  const yMax = Math.ceil((hi + pad) * 10) / 10;
  const X = (pct: number) => m.l + ((xMax - Math.log10(pct)) / (xMax - xMin || 1)) * (W - m.l - m.r);
  const Y = (acc: number) => m.t + ((yMax - acc) / (yMax - yMin || 1)) * (H - m.t - m.b);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  if (opts.title) out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(opts.title)}</text>`);

  const x0 = m.l, x1 = W - m.r, y0 = H - m.b, y1 = m.t;
  out.push(`<g class="axes" stroke="#333"><line x1="${x0}" y1="${y0}" x2="${x1}" y2="${y0}"/><line x1="${x0}" y1="${y0}" x2="${x0}" y2="${y1}"/></g>`);
  const xticks = opts.xTicks ?? [...new Set(pcts.map((p) => +p.toFixed(1)))].sort((a, b) => b - a);
  for (const t of xticks) {
    out.push(`<line x1="${f(X(t))}" y1="${y0}" x2="${f(X(t))}" y2="${y0 + 5}" stroke="#333"/><text x="${f(X(t))}" y="${y0 + 18}" text-anchor="middle">${+t.toFixed(1)}</text>`);
  }
  const step = yMax - yMin > 40 ? 10 : yMax - yMin > 10 ? 2 : yMax - yMin > 4 ? 1 : yMax - yMin > 1.5 ? 0.5 : 0.2;
  for (let v = Math.ceil(yMin / step) * step; v <= yMax + 1e-9; v += step) {
    out.push(`<line x1="${x0}" y1="${f(Y(v))}" x2="${x1}" y2="${f(Y(v))}" stroke="#eee"/><text x="${x0 - 6}" y="${f(Y(v) + 4)}" text-anchor="end">${v.toFixed(1)}</text>`);
  }
  out.push(`<text x="${(x0 + x1) / 2}" y="${y0 + 38}" text-anchor="middle">% of weights remaining (log scale)</text>`);
  out.push(`<text transform="translate(16 ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">${esc(opts.yLabel)}</text>`);
  if (opts.reference) {
    const y = f(Y(opts.reference.value));
    out.push(`<line class="dense-ref" x1="${x0}" y1="${y}" x2="${x1}" y2="${y}" stroke="#777" stroke-dasharray="5 4"/>`);
  }

  for (const line of lines) {
    const pts = line.points.filter((p) => Number.isFinite(p.mean)).sort((a, b) => b.pct - a.pct);
    const PX = (p: ChartPoint) => f(X(p.pct) + (p.dx ?? 0));
    out.push(`<g class="series" data-series="${esc(line.id)}">`);
    out.push(`<path d="${pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${PX(p)} ${f(Y(p.mean))}`).join(' ')}" fill="none" stroke="${line.color}" stroke-width="2"/>`);
    for (const p of pts) {
      const x = PX(p);
      out.push(`<line class="err" x1="${x}" y1="${f(Y(p.mean + p.std))}" x2="${x}" y2="${f(Y(p.mean - p.std))}" stroke="${line.color}"/>`);
      out.push(`<circle class="pt" cx="${x}" cy="${f(Y(p.mean))}" r="3.5" fill="${line.color}"><title>${esc(`${line.label}: ${p.pct.toFixed(1)} % → ${p.mean.toFixed(2)} ± ${p.std.toFixed(2)} % (n=${p.n})`)}</title></circle>`);
    }
    out.push('</g>');
  }

  const entries = [...lines.map((l) => ({ label: l.label, color: l.color, dash: '' })), ...(opts.reference ? [{ label: opts.reference.label, color: '#777', dash: ' stroke-dasharray="5 4"' }] : [])];
  const colW = (W - m.l - m.r) / 2;
  entries.forEach((e, i) => {
    const lx = m.l + (i % 2) * colW;
    const ly = y0 + 58 + Math.floor(i / 2) * 18;
    out.push(`<g class="legend"><line x1="${lx}" y1="${ly - 4}" x2="${lx + 24}" y2="${ly - 4}" stroke="${e.color}" stroke-width="2"${e.dash}/><text x="${lx + 30}" y="${ly}">${esc(e.label)}</text></g>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
