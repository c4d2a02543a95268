/**
 * Text and Markdown renderings of an LTH reproduction (pure): the per-density
 * table of mean ± std over seeds and the verdict list for checks 15–19.
 */
import type { SeriesId } from '../engine';
import type { AggRow, Stat, Verdict } from './reproduceAnalysis';
import { renderTable } from './table';

const accPm = (s: Stat | undefined) => (s && Number.isFinite(s.mean) ? `${(s.mean * 100).toFixed(2)} ± ${(s.std * 100).toFixed(2)}` : '–');
/** A '*' marks rows where some seed's minimum validation loss was the last evaluation (the budget, not the net, ended it). */
const itPm = (r: AggRow | undefined) => (r && Number.isFinite(r.esStep.mean) ? `${r.esStep.mean.toFixed(0)} ± ${r.esStep.std.toFixed(0)}${r.esAtEnd > 0 ? '*' : ''}` : '–');
const SHORT: Record<SeriesId, string> = { trunk: 'ticket', reinit: 'reinit', 'random-mask': 'random' };

/** One row per density; for each series: test % at early stop, final test %, early-stop iteration. */
function tableRows(rows: AggRow[]): { header: string[]; body: string[][] } {
  const series = (['trunk', 'reinit', 'random-mask'] as SeriesId[]).filter((s) => rows.some((r) => r.series === s));
  const header = ['Pm %'];
  for (const s of series) header.push(`${SHORT[s]} test@ES`, `${SHORT[s]} final`, `${SHORT[s]} ES it`);
  const trunk = rows.filter((r) => r.series === 'trunk').sort((a, b) => b.density - a.density);
  const body = trunk.map((t) => {
    const row = [(t.density * 100).toFixed(1)];
    for (const s of series) {
      // The dense round is shared: every series starts from the same network.
      const r = s === 'trunk' || t.round === 0 ? t : rows.find((x) => x.series === s && x.round === t.round);
      row.push(accPm(r?.esAcc), accPm(r?.finalAcc), itPm(r));
    }
    return row;
  });
  return { header, body };
}

export function textTable(rows: AggRow[]): string {
  const { header, body } = tableRows(rows);
  return renderTable(header, body);
}

export function markdownTable(rows: AggRow[]): string {
  const { header, body } = tableRows(rows);
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

const MARK: Record<Verdict['held'], string> = { held: 'HELD', partly: 'PARTLY', 'not held': 'NOT HELD', 'n/a': 'N/A' };

export function verdictText(vs: Verdict[]): string {
  return vs
    .map((v) => [`check ${v.check} [${MARK[v.held]}] ${v.claim}`, ...v.parts.map((p) => `    ${p.held === null ? '·' : p.held ? '✓' : '✗'} ${p.claim}: ${p.value}`)].join('\n'))
    .join('\n');
}

export function verdictMarkdown(vs: Verdict[]): string {
  return vs
    .map((v) => [`- **Check ${v.check} — ${MARK[v.held]}.** ${v.claim}.`, ...v.parts.map((p) => `  - ${p.held === null ? '(not judged)' : p.held ? '✓' : '✗'} ${p.claim}: ${p.value}`)].join('\n'))
    .join('\n');
}
