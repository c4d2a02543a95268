import { writeFileSync } from 'node:fs';
import { loadDataset } from '../engine/data/registry';
import { COMPARE_METHODS, runComparison, type CompareCell, type CompareResult, type CompareSpecInput } from '../engine/experiment/compare';
import { RunControl } from '../engine/experiment/control';
import { getPreset } from '../engine/presets';
import { useNodeBackend } from '../node/backend';
import { jobSize, memoryRefusal, type BackendKind } from '../engine/experiment/jobSize';
import { normaliseConfig } from '../engine/experiment/normalise';
import { getModel } from '../engine/models/registry';
import { diskReader } from '../node/files';
import { parseArgs } from './args';
import { checkFlagValues, setPathSafely } from './flagValues';
import { LabError } from '../engine/errors';
import { assertSafeKey, parseJsonSafely } from '../engine/util/ownKeys';

/** More seeds than this is a typo, not an experiment (the count is allocated as a list). */
const MAX_SEEDS = 100;
import { fmt, ProgressBar } from './progress';
import { renderTable } from './table';

export const COMPARE_FLAGS: Record<string, string> = {
  preset: 'start from a comparison preset (e.g. compare-mnist-quick)',
  methods: `comma list: ${Object.keys(COMPARE_METHODS).join(', ')} (or any method id taking a density)`,
  densities: 'comma list of target densities, e.g. 0.2,0.1,0.05,0.02',
  seeds: 'N for seeds 0…N−1, or a comma list of seeds',
  param: 'method parameter as method.key=value (repeatable; JSON values): --param granet.regrowth=0.3',
  model: 'model id (lenet300, mlp-tiny, conv2 …)',
  dataset: 'dataset id (mnist)',
  data: 'folder holding the prepared data files (default public/data)',
  optimizer: 'sgd | momentum | adam',
  lr: 'learning rate',
  batch: 'batch size',
  iterations: 'training iterations per round (the shared budget)',
  'eval-every': 'evaluate every N iterations (the early-stop resolution)',
  'train-subset': 'use only N training examples',
  'test-subset': 'use only N test examples',
  'val-size': 'validation examples held out of train',
  backend: 'wasm | cpu (WebGPU and WebGL are in the page)',
  out: 'write the comparison JSON to this file',
  quiet: 'no progress output',
};

const pct = (x: number) => (Number.isFinite(x) ? (x * 100).toFixed(2) : 'n/a');
const cellText = (mean: number, std: number) => (Number.isFinite(mean) ? `${pct(mean)} ± ${pct(std)}` : '–');

/** Rows: methods; columns: densities (dense shows under 100 %). */
export function comparisonTables(result: CompareResult): string {
  const densities = [...new Set(result.cells.map((c) => c.density))].sort((a, b) => b - a);
  const methods = [...new Set(result.cells.map((c) => c.method))];
  const header = ['method', ...densities.map((d) => `${+(d * 100).toFixed(3)} %`)];
  const table = (pick: (c: CompareCell) => [number, number]) =>
    renderTable(header, methods.map((m) => [m, ...densities.map((d) => {
      const c = result.cells.find((x) => x.method === m && x.density === d);
      return c ? cellText(...pick(c)) : '';
    })]));
  const seeds = Math.max(0, ...result.cells.map((c) => c.seeds.length));
  return [
    `Final test accuracy (%), mean ± std over ${seeds} seed${seeds === 1 ? '' : 's'}`,
    table((c) => [c.finalMean, c.finalStd]),
    '',
    'Test accuracy at early stop (minimum validation loss) (%)',
    table((c) => [c.earlyStopMean, c.earlyStopStd]),
  ].join('\n');
}

function list(flag: string, v: string): number[] {
  const xs = v.split(',').filter((s) => s.trim() !== '').map(Number);
  if (xs.length === 0 || xs.some((x) => !Number.isFinite(x))) throw new LabError(`--${flag} expects numbers separated by commas, got "${v.slice(0, 60)}"`);
  return xs;
}

/** Builds the comparison spec from a preset and flags (flags win). */
export function specFromFlags(flags: Record<string, string[]>): { spec: CompareSpecInput; data?: string } {
  checkFlagValues(flags);
  const one = (k: string) => (Object.hasOwn(flags, k) ? flags[k][flags[k].length - 1] : undefined);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a loosely-typed draft, validated by zod in runComparison
  let spec: { base: Record<string, any>; methods: string[]; densities: number[]; seeds: number[]; params: Record<string, Record<string, unknown>> } = { base: {}, methods: ['imp', 'random-uniform', 'random-erk', 'snip', 'granet', 'gmp'], densities: [0.2, 0.1, 0.05, 0.02], seeds: [0, 1, 2], params: {} };
  if (one('preset')) {
    const p = getPreset(one('preset')!);
    if (!p.compare) throw new LabError(`Preset "${p.id}" is a single run, not a comparison: use \`npm run lab -- --preset ${p.id}\``);
    const { method: _m, controls: _c, ...base } = structuredClone(p.config) as Record<string, unknown>;
    spec = { base, methods: p.compare.methods, densities: p.compare.densities, seeds: Array.from({ length: p.compare.seeds }, (_, i) => i), params: structuredClone(p.compare.params ?? {}) };
  }
  const b = spec.base;
  b.training ??= {};
  b.data ??= {};
  if (one('methods')) spec.methods = one('methods')!.split(',').map((s) => s.trim()).filter(Boolean);
  if (one('densities')) spec.densities = list('densities', one('densities')!);
  if (one('seeds')) {
    const v = one('seeds')!;
    const n = list('seeds', v)[0];
    if (!v.includes(',') && !(Number.isInteger(n) && n >= 1 && n <= MAX_SEEDS)) throw new LabError(`--seeds expects a count from 1 to ${MAX_SEEDS} or a comma list of seeds, got "${v.slice(0, 40)}"`);
    spec.seeds = v.includes(',') ? list('seeds', v) : Array.from({ length: n }, (_, i) => i);
  }
  const numeric: [string, string, string][] = [
    ['lr', 'training', 'lr'], ['batch', 'training', 'batchSize'], ['iterations', 'training', 'iterations'], ['eval-every', 'training', 'evalEvery'],
    ['train-subset', 'data', 'trainSubset'], ['test-subset', 'data', 'testSubset'], ['val-size', 'data', 'valSize'],
  ];
  for (const [flag, group, key] of numeric) if (one(flag)) b[group][key] = list(flag, one(flag)!)[0];
  if (one('optimizer')) b.training.optimizer = one('optimizer');
  if (one('model')) b.model = one('model');
  if (one('dataset')) b.data.dataset = one('dataset');
  for (const kv of flags.param ?? []) {
    const m = /^([^.=]+)\.([^=]+)=(.*)$/.exec(kv);
    if (!m) throw new LabError(`--param expects method.key=value, got "${kv.slice(0, 60)}"`);
    let value: unknown = m[3];
    try {
      value = parseJsonSafely(m[3], `--param ${m[1]}.${m[2]}`);
    } catch (e) {
      if (e instanceof LabError) throw e; // a reserved key inside the JSON; otherwise a bare string
    }
    assertSafeKey(m[1], `--param ${m[1]}.${m[2]}`);
    setPathSafely((spec.params[m[1]] = Object.hasOwn(spec.params, m[1]) ? spec.params[m[1]] : {}), m[2], value);
  }
  return { spec, data: one('data') };
}

/** True when argv names a comparison preset (`lab --preset compare-mnist-quick` then runs `compare`). */
export function isComparePreset(argv: string[]): boolean {
  const i = argv.findIndex((a) => a === '--preset' || a.startsWith('--preset='));
  if (i < 0) return false;
  const id = argv[i].includes('=') ? argv[i].slice('--preset='.length) : argv[i + 1];
  try {
    return Boolean(id && getPreset(id).compare);
  } catch {
    return false; // runCommand reports the unknown preset
  }
}

export async function compareCommand(argv: string[]): Promise<number> {
  const { flags } = parseArgs(argv[0] === 'compare' ? argv.slice(1) : argv, COMPARE_FLAGS);
  if (flags.help) {
    console.log('npm run lab -- compare [flags]\n');
    for (const [k, v] of Object.entries(COMPARE_FLAGS)) console.log(`  --${k.padEnd(14)} ${v}`);
    return 0;
  }
  const { spec, data } = specFromFlags(flags);
  const quiet = Boolean(flags.quiet);
  const base = spec.base ?? {};
  // Memory does not depend on the method: the shared settings decide whether the comparison can fit at all.
  const shared = normaliseConfig({ ...base, method: { id: 'dense', params: {} } });
  const size = jobSize(shared);
  const refusal = size && memoryRefusal(size, (flags.backend?.at(-1) ?? 'wasm') as BackendKind, getModel(shared.model).label, shared.training.batchSize);
  if (refusal) throw new LabError(refusal);
  const backend = await useNodeBackend(flags.backend?.at(-1) as 'wasm' | 'cpu' | undefined);
  const d = base.data ?? {};
  const ds = await loadDataset(d.dataset ?? 'mnist', diskReader(data), { valSize: d.valSize ?? 5000, splitSeed: d.splitSeed ?? 0, trainSubset: d.trainSubset, testSubset: d.testSubset });
  const bar = new ProgressBar(process.stderr, !quiet);
  const log = (s: string) => { bar.clear(); if (!quiet) console.log(s); };
  console.log(`Sparse Lab compare · backend ${backend.name} · ${base.model ?? 'lenet300'} on ${ds.id} (${ds.train.n} train / ${ds.val.n} val / ${ds.test.n} test) · methods ${spec.methods.join(', ')} · densities ${spec.densities.join(', ')} · seeds ${spec.seeds.join(', ')}`);

  const control = new RunControl();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    log(interrupts === 1 ? '\nInterrupted: finishing the current run (Ctrl-C again to stop now)…' : '');
    if (interrupts === 1) control.stopAfterRound(); else control.stop();
  });
  let total = 0;
  let runs = 0;
  let before = 0;
  const started = Date.now();
  const result = await runComparison(spec, ds, (e) => {
    if (e.type === 'compare-start') { total = e.totalSteps; runs = e.plan.length; log(`${e.plan.length} runs, ${e.totalSteps.toLocaleString('en')} training iterations in all`); }
    if (e.type === 'run-start') before = e.stepsBefore;
    if (e.type === 'run-event' && e.event.type === 'progress') bar.update(before + e.event.runDone, total, `${e.run.method}${e.run.density === null ? '' : ` @ ${e.run.density}`} seed ${e.run.seed} · round ${e.event.round}`);
    if (e.type === 'run-event' && e.event.type === 'warning') log(`warning (${e.run.method}, seed ${e.run.seed}): ${e.event.message}`);
    if (e.type === 'run-end') {
      const trunk = e.result.rounds.filter((r) => r.series === 'trunk');
      const accs = trunk.map((r) => `${(r.density * 100).toFixed(1)} %→${pct(r.finalTestAcc)}`).join(', ');
      log(`[${e.index + 1}/${runs}] ${e.run.method}${e.run.density === null ? '' : ` @ ${e.run.density}`} seed ${e.run.seed}: ${accs} (${e.result.seconds.toFixed(1)} s, elapsed ${fmt((Date.now() - started) / 1000)})`);
    }
  }, control);
  bar.clear();
  console.log(`\n${comparisonTables(result)}\n`);
  console.log(`${result.runs.length} runs in ${fmt(result.seconds)} (${result.seconds.toFixed(0)} s) on ${backend.name}.${result.stoppedReason ? ` Stopped early: ${result.stoppedReason}.` : ''}`);
  if (flags.out) {
    writeFileSync(flags.out[0], JSON.stringify(result, null, 1));
    console.log(`Wrote ${flags.out[0]}`);
  }
  return result.stoppedReason ? 1 : 0;
}
