/**
 * The README's result tables, rendered from the data files in bench/ (never
 * typed in by hand):
 *
 *   npx tsx scripts/results-tables.ts                      print every table
 *   npx tsx scripts/results-tables.ts collect-open-lth \
 *     --lab /tmp/lab-seed0.json,… --lab-time /tmp/lab-seed0.log,… \
 *     --olth ~/open_lth_data/lottery_<hash> --olth-time /tmp/olth-rep1.log,…
 *                                                          write bench/open-lth-lenet.json
 *
 * Times come from `/usr/bin/time -v` logs: wall (Elapsed) and CPU (user + system).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LmcPoint, RunResult } from '../src/engine/experiment/events';

const BENCH = join(import.meta.dirname, '..', 'bench');

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
  const { values } = parseArgs({ args: argv, options: { lab: { type: 'string' }, 'lab-time': { type: 'string' }, olth: { type: 'string' }, 'olth-time': { type: 'string' } } });
  const list = (s?: string) => (s ? s.split(',').filter(Boolean) : []);
  const lab = list(values.lab).map((f, i) => ({ file: f, levels: labLevels(f), ...timing(list(values['lab-time'])[i]) }));
  const reps = existsSync(values.olth ?? '') ? readdirSync(values.olth!).filter((d) => d.startsWith('replicate_')).sort() : [];
  const olth = reps.map((d, i) => ({ replicate: d, levels: olthLevels(join(values.olth!, d)), ...(list(values['olth-time'])[i] ? timing(list(values['olth-time'])[i]) : { wallSeconds: null, cpuSeconds: null }) }))
    // A replicate still running (or stopped) contributes the levels it finished.
    .filter((r) => r.levels.length > 0);
  const data = {
    schema: 'sparse-lab/open-lth-lenet@1', createdAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', node: process.version, loadAvg: os.loadavg() },
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
  const d = JSON.parse(readFileSync(f, 'utf8')) as { lab: ({ levels: LevelRow[] } & Timing)[]; openLth: ({ levels: LevelRow[] } & Timing)[]; commands: { lab: string; openLth: string } };
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
    const cell = (xs: number[]) => (xs.length ? `${mean(xs).toFixed(2)} ± ${std(xs).toFixed(2)}${xs.length < Math.max(d.lab.length, 1) ? ` (n=${xs.length})` : ''}` : 'not reached');
    lines.push(`| ${level} | ${(100 * a[0].density).toFixed(1)} | ${a.map((x) => x.outputKept).join(' / ')} | ${cell(a.map((x) => 100 * x.testAcc))} | ${cell(b.map((x) => 100 * x.testAcc))} | ${Number.isFinite(mb) ? (ma - mb).toFixed(2) : 'n/a'} |`);
  }
  return [
    `\`${d.commands.lab}\` against \`${d.commands.openLth}\` (final test accuracy %, mean ± std; lab ${fmtTime(d.lab)}; open_lth ${d.openLth.length ? fmtTime(d.openLth) : 'not run'}):`,
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
  return any ? [...notes.map((n) => `- ${n}`), '', ...rows].join('\n') : '';
}

function lthTiming(): string {
  const f = join(BENCH, 'reproduce-lth-mnist.json');
  if (!existsSync(f)) return '';
  const d = JSON.parse(readFileSync(f, 'utf8')) as { wallSeconds: number; cpuSeconds: number; budget: { method: string; iterations: number; seeds: number } };
  return `LTH reproduction: ${d.budget.seeds} seeds × ${d.budget.iterations} iterations, variant ${d.budget.method}; wall ${(d.wallSeconds / 60).toFixed(1)} min, CPU ${(d.cpuSeconds / 60).toFixed(1)} min.`;
}

const [cmd, ...rest] = process.argv.slice(2);
if (cmd === 'collect-open-lth') collectOpenLth(rest);
else console.log([lthTiming(), openLthTable(), lmcTable()].filter(Boolean).join('\n\n'));
