/**
 * `npm run reproduce -- lth-mnist` (also `npm run lab -- reproduce lth-mnist`):
 * LTH §2 on MNIST LeNet-300-100 — IMP tickets reset to θ0, the random re-init
 * and random-mask controls — over several seeds, one cell per seed of the
 * sweep runner (one worker process per core; a stopped run resumes).
 * Prints mean ± std per density and series and a verdict per behavioural
 * check (algorithms.md §11, 15–19); writes the JSON, an SVG chart and a
 * Markdown report. `--from FILE` re-analyses a saved JSON without training.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { expandSweep, type CellFile } from '../engine';
import { fmt } from './progress';
import { aggregate, verdicts, type SeedRound } from './reproduceAnalysis';
import { DEFAULT_BUDGET, lthConfig, registerLadderMethod, type LthBudget } from './reproduceLadder';
import { reportMarkdown, type Reproduction } from './reproduceDoc';
import { textTable, verdictText } from './reproduceReport';
import { lthChartSvg } from './reproduceSvg';
import { sweepId } from './sweep';
import { defaultJobs, runSweepCli } from './sweepRun';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');

const HELP = `npm run reproduce -- lth-mnist [flags]

  --seeds N          seeds (default 3; seeds 0..N-1)
  --jobs N           seeds trained at once, one worker process each (default: the cores)
  --dir DIR          folder of finished seeds (default sweeps/<id>): a stopped run resumes there
  --iterations N     training iterations per round and control (default ${DEFAULT_BUDGET.iterations})
  --eval-every N     evaluate val + test every N iterations (default ${DEFAULT_BUDGET.evalEvery})
  --ladder LIST      LTH rounds to visit (default ${DEFAULT_BUDGET.ladder.join(',')}: 51.3 21.1 13.5 7.0 3.6 1.9 %)
  --backend B        wasm | cpu (default wasm)
  --data DIR         prepared data folder (default public/data)
  --out FILE         JSON (default bench/reproduce-lth-mnist.json)
  --svg FILE         chart (default docs/lth-mnist.svg)
  --md FILE          report (default docs/reproduce-lth-mnist.md)
  --from FILE        re-analyse a saved JSON instead of training`;

export async function reproduceCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      seeds: { type: 'string' }, jobs: { type: 'string' }, iterations: { type: 'string' }, 'eval-every': { type: 'string' },
      ladder: { type: 'string' }, backend: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' },
      svg: { type: 'string' }, md: { type: 'string' }, from: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help || positionals[0] !== 'lth-mnist') {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const outPath = values.out ?? join(ROOT, 'bench', 'reproduce-lth-mnist.json');
  const rep: Reproduction | null = values.from ? JSON.parse(readFileSync(values.from, 'utf8')) : await train(values);
  if (!rep) return 130;
  const rounds: SeedRound[] = rep.seeds.flatMap((s) => s.rounds.map((r) => ({ ...r, seed: s.seed })));
  rep.rows = aggregate(rounds);
  rep.verdicts = verdicts(rep.rows);

  console.log(`\nLTH on MNIST LeNet-300-100: ${rep.seeds.length} seeds, ${rep.budget.iterations} iterations per training, eval every ${rep.budget.evalEvery}`);
  console.log(`test accuracy % (mean ± std over seeds) at early stop (min val loss) and at the end; early-stop iteration\n`);
  console.log(textTable(rep.rows));
  console.log(`\n${verdictText(rep.verdicts)}`);
  console.log(`\nwall ${fmt(rep.wallSeconds)} (${rep.wallSeconds.toFixed(0)} s), worker CPU ${rep.cpuSeconds.toFixed(0)} s, load average at start ${rep.machine.loadAvgStart.map((x) => x.toFixed(1)).join(' ')}`);

  for (const [path, text] of [
    [outPath, JSON.stringify(rep, null, 1)],
    [values.svg ?? join(ROOT, 'docs', 'lth-mnist.svg'), lthChartSvg(rep.rows, { title: `LTH reproduction: LeNet-300-100 on MNIST (${rep.seeds.length} seeds, ${rep.budget.iterations} its/round)` })],
    [values.md ?? join(ROOT, 'docs', 'reproduce-lth-mnist.md'), reportMarkdown(rep)],
  ] as const) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text + '\n');
    console.log(`wrote ${path}`);
  }
  return 0;
}

async function train(values: Record<string, string | boolean | undefined>): Promise<Reproduction | null> {
  const int = (k: string, d: number) => (values[k] === undefined ? d : Number.parseInt(String(values[k]), 10));
  const seeds = int('seeds', 3);
  const jobs = Math.max(1, Math.min(seeds, int('jobs', defaultJobs())));
  const budget: LthBudget = {
    iterations: int('iterations', DEFAULT_BUDGET.iterations),
    evalEvery: int('eval-every', DEFAULT_BUDGET.evalEvery),
    ladder: values.ladder ? String(values.ladder).split(',').map(Number) : DEFAULT_BUDGET.ladder,
  };
  const backend = (values.backend as string | undefined) ?? 'wasm';
  const trainings = seeds * (budget.ladder.length + 1 + 2 * budget.ladder.length);
  console.log(`Training ${trainings} networks (${seeds} seeds × ${budget.ladder.length + 1} ticket rounds + 2 controls × ${budget.ladder.length}), ${jobs} at a time on ${os.cpus().length} cores`);

  registerLadderMethod();
  const { name: _n, seed: _s, ...base } = lthConfig(0, budget);
  const cells = expandSweep({ base: base as Record<string, unknown>, seeds: Array.from({ length: seeds }, (_, i) => i) });
  const loadAvgStart = os.loadavg();
  const t0 = performance.now();
  const { files, interrupted, summary } = await runSweepCli(cells, {
    dir: String(values.dir ?? join('sweeps', `reproduce-lth-mnist-${sweepId(cells)}`)), jobs, backend, data: values.data as string | undefined,
    describe: (c, f) => `seed ${c.seed}: ${f.result.rounds.filter((r) => r.series === 'trunk').length} ticket rounds, test@ES ${f.result.rounds.filter((r) => r.series === 'trunk').map((r) => `${(r.density * 100).toFixed(1)} %→${(r.earlyStopTestAcc * 100).toFixed(2)}`).join(' ')}`,
  });
  if (interrupted || files.length < cells.length) {
    console.log(summary.failed.length ? 'Some seeds failed; nothing written.' : 'Not every seed has finished; nothing written.');
    return null;
  }
  const results: Reproduction['seeds'] = files.map((f) => ({ seed: f.cell.seed, runId: f.runId, backend: f.result.backend, seconds: f.result.seconds, cpuSeconds: f.cpuSeconds, rounds: f.result.rounds.map(slim) }));
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpuSeconds = results.reduce((n, r) => n + r.cpuSeconds, 0);
  return {
    schema: 'sparse-lab/reproduce-lth-mnist@1',
    createdAt: new Date().toISOString(),
    budget: { seeds, jobs, ...budget, batchSize: 60, optimizer: 'adam', lr: 1.2e-3, method: 'imp-ladder (layer-wise 20/20/10 %, reset to θ0)' },
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', node: process.version, backend: results[0]?.backend ?? backend, loadAvgStart, loadAvgEnd: os.loadavg() },
    wallSeconds, cpuSeconds,
    seeds: results.sort((a, b) => a.seed - b.seed),
    rows: [], verdicts: [],
  };
}

/** Keeps what the analysis and a reader need; curves rounded to keep the JSON small. */
function slim(r: CellFile['result']['rounds'][number]) {
  const q = (x: number) => Math.round(x * 1e5) / 1e5;
  return {
    series: r.series, round: r.round, density: r.density, steps: r.steps, seconds: q(r.seconds),
    earlyStopStep: r.earlyStopStep, earlyStopValAcc: r.earlyStopValAcc, earlyStopTestAcc: r.earlyStopTestAcc,
    finalValAcc: r.finalValAcc, finalTestAcc: r.finalTestAcc,
    layers: r.layers.map((l) => ({ name: l.name, nnz: l.nnz, density: q(l.density) })),
    curve: r.curve.map((p) => ({ step: p.step, valLoss: q(p.valLoss), valAcc: q(p.valAcc), testAcc: q(p.testAcc) })),
  };
}

export type SlimRound = ReturnType<typeof slim>;

// `npm run reproduce` runs this file directly; `npm run lab -- reproduce` goes through main.ts.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  reproduceCommand(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`\nerror: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
