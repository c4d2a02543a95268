/**
 * Issue #14's part of the bench report: the density sweep as a table and as
 * an SVG chart (samples/s against density, log x, one line per engine), the
 * targets checked on ratios from the same run, and the end-to-end preset
 * timing. Pure (no Node APIs).
 */
import type { SweepPoint } from './densitySweep';

export interface TorchSweepPoint { density: number; samplesPerSec: number; msPerStepMedian: number }

export interface SweepEngine { label: string; color: string; points: { density: number; samplesPerSec: number }[] }

export interface EndToEnd {
  preset: string;
  /** Wall seconds of the whole CLI run (data load, every round, evaluation), per mode. */
  runs: { mode: 'off' | 'auto'; seconds: number; trainSeconds: number; finalTestAcc: number[] }[];
}

const n0 = (x: number) => (Number.isFinite(x) ? x.toLocaleString('en', { maximumFractionDigits: 0 }) : 'n/a');
const r2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const pct = (d: number) => `${+(d * 100).toFixed(1)} %`;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function sweepEngines(sweep: SweepPoint[], torch: { label: string; sweep?: TorchSweepPoint[] }[]): SweepEngine[] {
  const lab = (route: SweepPoint['route'], label: string, color: string): SweepEngine =>
    ({ label, color, points: sweep.filter((p) => p.route === route).map((p) => ({ density: p.density, samplesPerSec: p.samplesPerSec })) });
  const colors = ['#7f7f7f', '#ff7f0e', '#9467bd'];
  return [
    lab('sparse', 'lab: WASM sparse kernels, 1 thread', '#1f77b4'),
    lab('masked-dense', 'lab: WASM masked-dense, 1 thread', '#d62728'),
    ...torch.filter((t) => t.sweep?.length).map((t, i) => ({ label: t.label, color: colors[i % colors.length], points: t.sweep!.map((p) => ({ density: p.density, samplesPerSec: p.samplesPerSec })) })),
  ];
}

/** samples/s against density on a log axis (100 % at the left, as the LTH charts put the dense end). */
export function sweepChartSvg(engines: SweepEngine[], title: string): string {
  const W = 720;
  const H = 420;
  const m = { l: 70, r: 20, t: 40, b: 110 };
  const all = engines.flatMap((e) => e.points);
  const dMin = Math.min(...all.map((p) => p.density));
  const yMax = Math.max(...all.map((p) => p.samplesPerSec)) * 1.1;
  const x = (d: number) => m.l + ((Math.log(1) - Math.log(d)) / (Math.log(1) - Math.log(dMin))) * (W - m.l - m.r);
  const y = (v: number) => H - m.b - (v / yMax) * (H - m.t - m.b);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${esc(title)}</text>`,
    `<line x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}" stroke="black"/>`,
    `<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}" stroke="black"/>`,
  ];
  for (const d of [...new Set(all.map((p) => p.density))]) {
    out.push(`<line x1="${x(d).toFixed(1)}" y1="${H - m.b}" x2="${x(d).toFixed(1)}" y2="${H - m.b + 5}" stroke="black"/>`,
      `<text x="${x(d).toFixed(1)}" y="${H - m.b + 18}" text-anchor="middle">${pct(d)}</text>`);
  }
  const step = Math.pow(10, Math.floor(Math.log10(yMax / 2))) * (yMax / Math.pow(10, Math.floor(Math.log10(yMax))) > 4 ? 2 : 1);
  for (let v = 0; v <= yMax; v += step) {
    out.push(`<line x1="${m.l - 5}" y1="${y(v).toFixed(1)}" x2="${W - m.r}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`,
      `<text x="${m.l - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${n0(v)}</text>`);
  }
  out.push(`<text x="${W / 2}" y="${H - m.b + 36}" text-anchor="middle">weights remaining (log scale)</text>`,
    `<text transform="translate(16 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">training samples/s</text>`);
  engines.forEach((e, i) => {
    const pts = [...e.points].sort((a, b) => b.density - a.density);
    out.push(`<polyline fill="none" stroke="${e.color}" stroke-width="2" points="${pts.map((p) => `${x(p.density).toFixed(1)},${y(p.samplesPerSec).toFixed(1)}`).join(' ')}"/>`);
    for (const p of pts) out.push(`<circle cx="${x(p.density).toFixed(1)}" cy="${y(p.samplesPerSec).toFixed(1)}" r="3" fill="${e.color}"/>`);
    const ly = H - m.b + 56 + Math.floor(i / 2) * 18;
    const lx = m.l + (i % 2) * 320;
    out.push(`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 24}" y2="${ly - 4}" stroke="${e.color}" stroke-width="2"/>`,
      `<text x="${lx + 30}" y="${ly}">${esc(e.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

export function sweepMarkdown(sweep: SweepPoint[], torch: { label: string; sweep?: TorchSweepPoint[] }[], e2e?: EndToEnd): string {
  const at = (route: SweepPoint['route'], d: number) => sweep.find((p) => p.route === route && p.density === d);
  const dense = at('masked-dense', 1);
  const peers = torch.filter((t) => t.sweep?.length);
  const lines = [
    '## Sparse kernels: step time against density (issue #14)', '',
    'LeNet-300-100, batch 60, Adam, random masks at the given density in every layer; WASM 1 thread in Node. sparse = every fully-connected layer on the sparse kernels; masked-dense = W⊙M on XNNPACK; auto = the layers the default crossover policy sends sparse. PyTorch runs the same masked step (1 thread) in the same `npm run bench`.', '',
    `| density | sparse samples/s | masked-dense samples/s | sparse / dense step | kernels/step sparse · dense | auto: sparse layers | ${peers.map((t) => `${t.label} samples/s`).join(' | ')} |`,
    `|---:|---:|---:|---:|---|---|${peers.map(() => '---:|').join('')}`,
  ];
  for (const d of [...new Set(sweep.map((p) => p.density))]) {
    const s = at('sparse', d)!;
    const md = at('masked-dense', d)!;
    lines.push(`| ${pct(d)} | ${n0(s.samplesPerSec)} | ${n0(md.samplesPerSec)} | ${r2(s.samplesPerSec / (dense?.samplesPerSec ?? NaN))}× | ${s.kernelsPerStep} · ${md.kernelsPerStep} | ${s.autoSparseLayers.join(', ') || 'none'} | ${peers.map((t) => n0(t.sweep!.find((p) => p.density === d)?.samplesPerSec ?? NaN)).join(' | ')} |`);
  }
  const ratio = (d: number) => (at('sparse', d)?.samplesPerSec ?? NaN) / (dense?.samplesPerSec ?? NaN);
  const tuned = peers.find((t) => !t.label.includes('system BLAS'));
  const vsTuned = (d: number) => (at('sparse', d)?.samplesPerSec ?? NaN) / (tuned?.sweep!.find((p) => p.density === d)?.samplesPerSec ?? NaN);
  lines.push('', '**Targets** (ratios from this run):',
    `- 10 %: sparse ${r2(ratio(0.1))}× the dense step (target ≥ 2×); 2 %: ${r2(ratio(0.02))}× (target ≥ 4×).`,
    tuned ? `- vs ${tuned.label}'s masked step at 5 % and 2 %: ${r2(vsTuned(0.05))}× and ${r2(vsTuned(0.02))}× (target > 1×).` : '- PyTorch with an optimised BLAS was not run (`--torch-blas DIR`).',
    `- tensors flat on every route and density: ${sweep.every((p) => p.tensorsFlat) ? 'yes' : 'NO'}.`, '');
  if (e2e && e2e.runs.length === 2) {
    const [off, auto] = e2e.runs;
    lines.push(`**End to end**: \`npm run lab -- --preset ${e2e.preset}\`, wall time of the whole CLI run: masked-dense (\`--sparse off\`) ${off.seconds.toFixed(1)} s, sparse kernels (default) ${auto.seconds.toFixed(1)} s: **${r2(off.seconds / auto.seconds)}×** (target ≥ 1.5×); training time alone ${off.trainSeconds.toFixed(1)} → ${auto.trainSeconds.toFixed(1)} s. Final test accuracy per training, off vs auto: ${off.finalTestAcc.map((a, i) => `${(a * 100).toFixed(2)}/${(auto.finalTestAcc[i] * 100).toFixed(2)}`).join(', ')} %.`, '');
  }
  return lines.join('\n');
}
