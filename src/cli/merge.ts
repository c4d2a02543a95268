import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rowsCsv, mergeCellFiles, type SweepRow } from '../engine';
import { readCellDir } from '../node/sweepDir';
import { parseArgs } from './args';
import { densityChartSvg, LINE_COLORS } from './densityChartSvg';
import { registerLadderMethod } from './reproduceLadder';
import { rowsTable } from './sweepTables';

const MERGE_FLAGS: Record<string, string> = {
  out: 'folder for sweep.json (open it in the page), sweep.csv and sweep.svg (default merged)',
  metric: 'final | early-stop: the accuracy charted (default final)',
  quiet: 'print only the file names',
};

/** One chart line per method (and grid point): mean ± std over seeds at each density. */
export function sweepChartSvg(rows: SweepRow[], metric: 'final' | 'earlyStop', title: string): string {
  const groups = [...new Set(rows.map((r) => r.group))];
  const lines = groups.map((g, i) => ({
    id: g, label: g, color: LINE_COLORS[i % LINE_COLORS.length],
    points: rows.filter((r) => r.group === g).map((r) => ({
      pct: r.density * 100, n: r.seeds.length,
      mean: 100 * (metric === 'final' ? r.finalMean : r.earlyStopMean), std: 100 * (metric === 'final' ? r.finalStd : r.earlyStopStd),
    })),
  }));
  return densityChartSvg(lines, { title, yLabel: `test accuracy ${metric === 'final' ? 'at end of training' : 'at early stop'} (%)` });
}

export async function mergeCommand(argv: string[]): Promise<number> {
  const { flags, positionals } = parseArgs(argv, MERGE_FLAGS);
  if (flags.help || positionals.length === 0) {
    console.log('npm run lab -- merge DIR… [--out merged] [--metric final|early-stop]\n\nCombines sweep output folders (shards, machines) into a table (mean ± std over seeds), a CSV and an SVG chart.\n');
    for (const [k, v] of Object.entries(MERGE_FLAGS)) console.log(`  --${k.padEnd(10)} ${v}`);
    return flags.help ? 0 : 2;
  }
  const metricFlag = flags.metric?.[0] ?? 'final';
  if (metricFlag !== 'final' && metricFlag !== 'early-stop') throw new Error(`--metric expects final or early-stop, got "${metricFlag}"`);
  const metric = metricFlag === 'final' ? 'final' : 'earlyStop';
  registerLadderMethod(); // reproduction folders hold imp-ladder configs
  const warn = (s: string) => console.error(`warning: ${s}`);
  const sources = positionals.map((dir) => ({ name: dir, files: readCellDir(resolve(dir), warn) }));
  const { merged, conflicts } = mergeCellFiles(sources);
  for (const c of conflicts) warn(`${c.runId} differs between ${c.kept} (kept) and ${c.dropped}`);
  if (merged.cells.length === 0) {
    console.error(`No finished cells in ${positionals.join(', ')}`);
    return 1;
  }
  const out = resolve(flags.out?.[0] ?? 'merged');
  mkdirSync(out, { recursive: true });
  const seeds = Math.max(...merged.rows.map((r) => r.seeds.length));
  const title = `${merged.cells.length} runs from ${sources.length} folder${sources.length === 1 ? '' : 's'} (up to ${seeds} seed${seeds === 1 ? '' : 's'} per point)`;
  const files: [string, string][] = [
    ['sweep.json', JSON.stringify(merged)],
    ['sweep.csv', rowsCsv(merged.rows)],
    ['sweep.svg', sweepChartSvg(merged.rows, metric, title)],
  ];
  if (!flags.quiet) {
    console.log(`${sources.map((s) => `${s.name}: ${s.files.length} cells`).join(' · ')} → ${merged.cells.length} distinct runs\n`);
    console.log(`Test accuracy ${metric === 'final' ? 'at end of training' : 'at early stop'} (%), mean ± std over seeds`);
    console.log(rowsTable(merged.rows, metric));
    console.log('');
  }
  for (const [name, text] of files) {
    writeFileSync(join(out, name), text + '\n');
    console.log(`wrote ${join(out, name)}`);
  }
  return 0;
}
