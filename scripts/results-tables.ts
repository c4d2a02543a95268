/**
 * The README's result tables, rendered from the data files in bench/ (never
 * typed in by hand):
 *
 *   npx tsx scripts/results-tables.ts                      print every table
 *   npx tsx scripts/results-tables.ts readme               rewrite the README's marked tables in place
 *   npx tsx scripts/results-tables.ts collect-open-lth \
 *     --lab /tmp/lab-seed0.json,… --lab-time /tmp/lab-seed0.log,… \
 *     --olth ~/open_lth_data/lottery_<hash> --olth-time /tmp/olth-rep1.log,…
 *                                                          write bench/open-lth-lenet.json
 *   npx tsx scripts/results-tables.ts collect-compare \
 *     --result /tmp/compare.json --time /tmp/compare.log --command '…'
 *                                                          write bench/compare-mnist-quick.json
 *
 * Times come from `/usr/bin/time -v` logs: wall (Elapsed) and CPU (user + system).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CompareResult, LmcPoint, RunResult } from '../src/engine';

const ROOT = join(import.meta.dirname, '..');
const BENCH = join(ROOT, 'bench');
const machine = () => ({ cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', node: process.version, loadAvg: os.loadavg() });

/** null: not measured (the run was still going when the data was collected). */
interface Timing { wallSeconds: number; cpuSeconds: number }

/** Wall and CPU seconds from a `/usr/bin/time -v` log. */
function timing(log: string): Timing {
  const text = readFileSync(log, 'utf8');
  const num = (re: RegExp) => Number(text.match(re)?.[1] ?? NaN);
  const wall = text.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/)?.[1] ?? '0';
  const wallSeconds = wall.split(':').reduce((s, p) => s * 60 + Number(p), 0);
  return { wallSeconds, cpuSeconds: num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/) };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: number[]) => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));

interface LevelRow { level: number; density: number; outputKept: number; testAcc: number }

function labLevels(file: string): LevelRow[] {
  const r = JSON.parse(readFileSync(file, 'utf8')) as RunResult;
  return r.rounds.filter((x) => x.series === 'trunk').map((x) => ({
    level: x.round, density: x.density, outputKept: x.layers.find((l) => l.name === 'out/kernel')?.nnz ?? NaN, testAcc: x.finalTestAcc,
  }));
}

/** open_lth writes `logger` (name,iteration,value) per level; the last test_accuracy is the level's final accuracy. */
function olthLevels(replicateDir: string): LevelRow[] {
  const levels = readdirSync(replicateDir).filter((d) => /^level_\d+$/.test(d)).map((d) => Number(d.slice(6))).sort((a, b) => a - b);
  const rows: LevelRow[] = [];
  for (const level of levels) {
    const main = join(replicateDir, `level_${level}`, 'main');
    const logger = join(main, 'logger');
    if (!existsSync(logger)) continue;
    const acc = readFileSync(logger, 'utf8').trim().split('\n').map((l) => l.split(',')).filter((p) => p[0] === 'test_accuracy');
    const report = JSON.parse(readFileSync(join(main, 'sparsity_report.json'), 'utf8')) as { total: number; unpruned: number };
    rows.push({ level, density: report.unpruned / report.total, outputKept: NaN, testAcc: Number(acc[acc.length - 1][2]) });
  }
  return rows;
}

function collectOpenLth(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { lab: { type: 'string' }, 'lab-time': { type: 'string' }, olth: { type: 'string' }, 'olth-time': { type: 'string' }, 'olth-env': { type: 'string' } } });
  const list = (s?: string) => (s ? s.split(',').filter(Boolean) : []);
  const lab = list(values.lab).map((f, i) => ({ file: f, levels: labLevels(f), ...timing(list(values['lab-time'])[i]) }));
  const reps = existsSync(values.olth ?? '') ? readdirSync(values.olth!).filter((d) => d.startsWith('replicate_')).sort() : [];
  const olth = reps.map((d, i) => ({ replicate: d, levels: olthLevels(join(values.olth!, d)), ...(list(values['olth-time'])[i] ? timing(list(values['olth-time'])[i]) : { wallSeconds: null, cpuSeconds: null }) }))
    // A replicate still running (or stopped) contributes the levels it finished.
    .filter((r) => r.levels.length > 0);
  const data = {
    schema: 'sparse-lab/open-lth-lenet@1', createdAt: new Date().toISOString(),
    machine: machine(),
    ...(values['olth-env'] ? { openLthEnv: values['olth-env'] } : {}),
    recipe: 'open_lth mnist_lenet_300_100 defaults at 2 epochs per level: kaiming_normal, SGD 0.1, batch 128, sparse_global 0.2 ignoring fc.weight, reset to θ0, levels 0–10',
    commands: {
      lab: 'npm run lab -- --preset open-lth-lenet --seed S --out lab-seedS.json',
      openLth: 'python3 open_lth.py lottery --default_hparams=mnist_lenet_300_100 --training_steps=2ep --levels=10 --replicate=R --num_workers=0',
    },
    lab: lab.map(({ file: _f, ...r }) => r),
    openLth: olth,
  };
  writeFileSync(join(BENCH, 'open-lth-lenet.json'), `${JSON.stringify(data, null, 1)}\n`);
  console.log(`Wrote bench/open-lth-lenet.json (${lab.length} lab seeds, ${olth.length} open_lth replicates)`);
}

const fmtTime = (t: Timing[]) => (t.some((x) => !Number.isFinite(x.wallSeconds)) ? 'time not recorded: still running when collected' : fmtTimeOf(t));
const fmtTimeOf = (t: Timing[]) => `wall ${(mean(t.map((x) => x.wallSeconds)) / 60).toFixed(1)} min, CPU ${(mean(t.map((x) => x.cpuSeconds)) / 60).toFixed(1)} min per run`;

function openLthTable(): string {
  const f = join(BENCH, 'open-lth-lenet.json');
  if (!existsSync(f)) return '';
  const d = JSON.parse(readFileSync(f, 'utf8')) as { lab: ({ levels: LevelRow[] } & Timing)[]; openLth: ({ levels: LevelRow[] } & Timing)[]; commands: { lab: string; openLth: string }; openLthEnv?: string };
  const lines = [
    `| level | % weights left | output weights kept (lab) | lab (${d.lab.length} seeds) | open_lth (${d.openLth.length} replicates) | difference (pp) |`,
    '|---:|---:|---:|---:|---:|---:|',
  ];
  for (let level = 0; level <= 10; level++) {
    const a = d.lab.map((s) => s.levels.find((l) => l.level === level)!).filter(Boolean);
    const b = d.openLth.map((s) => s.levels.find((l) => l.level === level)!).filter(Boolean);
    if (a.length === 0) continue;
    const ma = mean(a.map((x) => 100 * x.testAcc));
    const mb = b.length ? mean(b.map((x) => 100 * x.testAcc)) : NaN;
    // n is shown where fewer seeds (replicates) than that side ran reached this level.
    const cell = (xs: number[], of: number) => (xs.length ? `${mean(xs).toFixed(2)} ± ${std(xs).toFixed(2)}${xs.length < of ? ` (n=${xs.length})` : ''}` : 'not reached');
    lines.push(`| ${level} | ${(100 * a[0].density).toFixed(1)} | ${a.map((x) => x.outputKept).join(' / ')} | ${cell(a.map((x) => 100 * x.testAcc), d.lab.length)} | ${cell(b.map((x) => 100 * x.testAcc), d.openLth.length)} | ${Number.isFinite(mb) ? (ma - mb).toFixed(2) : 'n/a'} |`);
  }
  return [
    `\`${d.commands.lab}\` against \`${d.commands.openLth}\` (final test accuracy %, mean ± std; lab ${fmtTime(d.lab)}; open_lth ${d.openLth.length ? fmtTime(d.openLth) : 'not run'}${d.openLthEnv ? ` on ${d.openLthEnv}` : ''}). **Variant:** per-level IMP on both sides — every level trains for 2 epochs, then 20 % of all surviving weights go globally (the output layer's weights count among the survivors but are never pruned), reset to θ0:`,
    '',
    ...lines,
  ].join('\n');
}

function lmcTable(): string {
  const rows: string[] = ['| network | k | error barrier (pp) | test error of the two copies (%) |', '|---|---:|---:|---:|'];
  const notes: string[] = [];
  let any = false;
  for (const [file, label] of [['lmc-lenet.json', 'LeNet-300-100, 20 % ticket'], ['lmc-conv-tiny.json', 'Conv-tiny on MNIST, 20 % ticket']] as const) {
    const f = join(BENCH, file);
    if (!existsSync(f)) continue;
    const r = JSON.parse(readFileSync(f, 'utf8')) as RunResult & { timing?: Timing; command?: string };
    any = true;
    for (const p of r.lmc as LmcPoint[]) {
      rows.push(`| ${label} | ${p.k} | ${(100 * p.barrier).toFixed(2)} | ${(100 * p.testError[0]).toFixed(2)} / ${(100 * p.testError[p.testError.length - 1]).toFixed(2)} |`);
    }
    if (r.command && r.timing) notes.push(`${label}: \`${r.command}\` (wall ${(r.timing.wallSeconds / 60).toFixed(1)} min, CPU ${(r.timing.cpuSeconds / 60).toFixed(1)} min)`);
  }
  const variant = '**Variant:** the 20 % ticket is one-shot — one IMP level: the dense network trained to the end, each layer pruned once to 20 % by magnitude — not the paper\'s multi-round IMP subnetwork, which at 20 % per round would cost 7 more full trainings than the preset\'s lecture budget allows.';
  return any ? [...notes.map((n) => `- ${n}`), '', variant, '', ...rows].join('\n') : '';
}

/** The LTH reproduction's table (test accuracy at early stop per density, per series), with its command, times and variant. */
function lthTable(): string {
  const f = join(BENCH, 'reproduce-lth-mnist.json');
  if (!existsSync(f)) return '';
  type Stat = { mean: number; std: number };
  const d = JSON.parse(readFileSync(f, 'utf8')) as {
    wallSeconds: number; cpuSeconds: number; budget: { method: string; iterations: number; seeds: number; ladder: number[] };
    rows: { series: string; round: number; density: number; esAcc: Stat }[];
  };
  const cell = (x?: Stat) => (x ? `${(100 * x.mean).toFixed(2)} ± ${(100 * x.std).toFixed(2)}` : '–');
  const lines = ['| % weights left | IMP ticket | random re-init | random mask |', '|---:|---:|---:|---:|'];
  for (const t of d.rows.filter((r) => r.series === 'trunk')) {
    // Round 0 is the dense network, shared by the ticket and both controls.
    const of = (series: string) => (t.round === 0 ? t : d.rows.find((r) => r.series === series && r.round === t.round))?.esAcc;
    const pct = 100 * t.density;
    lines.push(`| ${pct > 99.95 ? '100' : pct.toFixed(1)} | ${cell(t.esAcc)} | ${cell(of('reinit'))} | ${cell(of('random-mask'))} |`);
  }
  return [
    `\`npm run reproduce -- lth-mnist\` (${d.budget.seeds} seeds × ${d.budget.iterations.toLocaleString('en-US')} iterations per training; wall ${(d.wallSeconds / 60).toFixed(1)} min, CPU ${(d.cpuSeconds / 60).toFixed(1)} min). **Variant:** ${d.budget.method} — the ladder: training only at the paper's rounds ${d.budget.ladder.join(', ')}, each layer pruned in one step to the count the skipped rounds would leave; not per-round IMP. Test accuracy (%) at the early-stop iteration, mean ± std over seeds:`,
    '',
    ...lines,
  ].join('\n');
}

interface CompareFile extends Timing { command: string; variant: string; result: CompareResult }

function collectCompare(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { result: { type: 'string' }, time: { type: 'string' }, command: { type: 'string' }, variant: { type: 'string' }, name: { type: 'string' } } });
  if (!values.result || !values.time || !values.command || !values.variant) throw new Error('collect-compare needs --result, --time, --command and --variant');
  const result = JSON.parse(readFileSync(values.result, 'utf8')) as CompareResult;
  const data = { schema: 'sparse-lab/compare-table@1', createdAt: new Date().toISOString(), machine: machine(), command: values.command, variant: values.variant, ...timing(values.time), result };
  const name = values.name ?? 'compare-mnist-quick';
  writeFileSync(join(BENCH, `${name}.json`), `${JSON.stringify(data, null, 1)}\n`);
  console.log(`Wrote bench/${name}.json (${result.cells.length} cells)`);
}

/** A comparison's final test accuracy per method and density, mean ± std over seeds. */
function compareTable(name = 'compare-mnist-quick'): string {
  const f = join(BENCH, `${name}.json`);
  if (!existsSync(f)) return '';
  const d = JSON.parse(readFileSync(f, 'utf8')) as CompareFile;
  const { spec, cells } = d.result;
  const densities = [...new Set(cells.map((c) => c.density))].sort((a, b) => b - a);
  const pct = (x: number) => `${+(100 * x).toFixed(1)} %`;
  const lines = [`| method | ${densities.map(pct).join(' | ')} |`, `|---|${densities.map(() => '---:').join('|')}|`];
  for (const m of spec.methods) {
    const row = densities.map((dn) => cells.find((c) => c.method === m && c.density === dn)).map((c) => (c ? `${(100 * c.finalMean).toFixed(2)} ± ${(100 * c.finalStd).toFixed(2)}` : '–'));
    lines.push(`| ${m} | ${row.join(' | ')} |`);
  }
  return [
    `\`${d.command}\` (${spec.base.training?.iterations ?? '?'} iterations per training, ${spec.seeds.length} seeds, ${d.result.runs.length} runs; wall ${(d.wallSeconds / 60).toFixed(1)} min, CPU ${(d.cpuSeconds / 60).toFixed(1)} min). **Variant:** ${d.variant}. Final test accuracy %, mean ± std over seeds:`,
    '',
    ...lines,
  ].join('\n');
}

const TABLES: Record<string, () => string> = { 'lth-table': lthTable, 'open-lth-table': openLthTable, 'lmc-table': lmcTable, 'compare-table': () => compareTable() };

/** Replaces the text between `<!-- name -->` and `<!-- /name -->` in README.md with each table, freshly rendered. */
function writeReadme(): void {
  const file = join(ROOT, 'README.md');
  let text = readFileSync(file, 'utf8');
  for (const [name, render] of Object.entries(TABLES)) {
    const open = `<!-- ${name} -->`;
    const close = `<!-- /${name} -->`;
    const a = text.indexOf(open);
    const b = text.indexOf(close);
    if (a < 0 || b < a) throw new Error(`README.md has no ${open} … ${close} block`);
    text = `${text.slice(0, a + open.length)}\n${render()}\n${text.slice(b)}`;
  }
  writeFileSync(file, text);
  console.log(`Rewrote ${Object.keys(TABLES).length} tables in README.md`);
}

const [cmd, ...rest] = process.argv.slice(2);
if (cmd === 'collect-open-lth') collectOpenLth(rest);
else if (cmd === 'collect-compare') collectCompare(rest);
else if (cmd === 'readme') writeReadme();
else console.log(Object.values(TABLES).map((render) => render()).filter(Boolean).join('\n\n'));
