import { parse as parseYaml } from 'yaml';
import { COMPARE_METHODS, getPreset, GridKeySchema, SweepSpecSchema, assertNoReservedKeys, describeZod, parseUntrustedJson, SweepFileError, LabError, assertSafeKey, parseJsonSafely, type SweepSpecInput } from '../engine';
import { readBoundedFile } from '../node/boundedRead';
import { readConfigFile } from './args';
import { checkFlagValues, setPathSafely } from './flagValues';

/** The flags that describe a sweep's cells; `sweep` and `compare` share them. */
export const SPEC_FLAGS: Record<string, string> = {
  preset: 'start from a preset (a comparison preset such as compare-mnist-quick gives methods, densities and seeds)',
  file: 'a sweep file (JSON or YAML): base, methods, densities, seeds, params, grid — see docs/sweeps.md',
  config: 'start from a run config file (JSON, a result file or a .sparselab run file)',
  methods: `comma list: ${Object.keys(COMPARE_METHODS).join(', ')} (or any method id taking a density)`,
  densities: 'comma list of target densities, e.g. 0.2,0.1,0.05,0.02',
  seeds: 'N for seeds 0…N−1, or a comma list of seeds',
  param: 'method parameter as method.key=value (repeatable; JSON values): --param granet.regrowth=0.3',
  grid: 'config path and values to sweep (repeatable): --grid training.lr=0.001,0.003',
  model: 'model id (lenet300, mlp-tiny, conv2 …)',
  dataset: 'dataset id (mnist, cifar10)',
  data: 'folder holding the prepared data files (default public/data)',
  optimizer: 'sgd | momentum | adam',
  lr: 'learning rate',
  batch: 'batch size',
  iterations: 'training iterations per round (the shared budget)',
  'eval-every': 'evaluate every N iterations (the early-stop resolution)',
  'train-subset': 'use only N training examples',
  'test-subset': 'use only N test examples',
  'val-size': 'validation examples held out of train',
};

/** Sweep files are a few lines; anything larger is not one. */
const MAX_SWEEP_FILE_CHARS = 1e6;

function readSweepFile(path: string): SweepSpecInput {
  const text = new TextDecoder().decode(readBoundedFile(path, '--file', MAX_SWEEP_FILE_CHARS));
  let raw: unknown;
  if (/\.ya?ml$/i.test(path)) {
    try {
      raw = parseYaml(text, { maxAliasCount: 100, uniqueKeys: true });
    } catch (e) {
      throw new SweepFileError(`${path} is not valid YAML (${(e as Error).message})`);
    }
    assertNoReservedKeys(raw, path);
  } else raw = parseUntrustedJson(text, path, MAX_SWEEP_FILE_CHARS);
  const parsed = SweepSpecSchema.safeParse(raw);
  if (!parsed.success) throw new SweepFileError(`${path} is not a sweep: ${describeZod(parsed.error)}`);
  return parsed.data;
}

/** More seeds than this is a typo, not an experiment (the count is allocated as a list). */
const MAX_SEEDS = 1000;

function numbers(flag: string, v: string): number[] {
  const xs = v.split(',').filter((s) => s.trim() !== '').map(Number);
  if (xs.length === 0 || xs.some((x) => !Number.isFinite(x))) throw new LabError(`--${flag} expects numbers separated by commas, got "${v.slice(0, 60)}"`);
  return xs;
}

/** A JSON value, or the text itself; a reserved key inside JSON is an error, not a string. */
function jsonOrString(v: string, where: string): unknown {
  try {
    return parseJsonSafely(v, where);
  } catch (e) {
    if (e instanceof LabError) throw e;
    return v;
  }
}

const DEFAULT_COMPARISON = { methods: ['imp', 'random-uniform', 'random-erk', 'snip', 'granet', 'gmp'], densities: [0.2, 0.1, 0.05, 0.02], seeds: [0, 1, 2] };

/**
 * A sweep spec from a sweep file, a preset or a config file, then each flag
 * on top (flags win). `comparison` fills compare's default methods,
 * densities and seeds when nothing names them (the `lab compare` behaviour).
 */
export function sweepSpecFromFlags(flags: Record<string, string[]>, opts: { comparison?: boolean } = {}): { spec: SweepSpecInput; data?: string } {
  checkFlagValues(flags);
  const one = (k: string) => (Object.hasOwn(flags, k) ? flags[k][flags[k].length - 1] : undefined);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a loosely-typed draft, validated by zod when expanded
  const spec: { base: Record<string, any>; methods?: string[]; densities?: number[]; seeds?: number[]; params: Record<string, Record<string, unknown>>; grid: Record<string, unknown[]>; name?: string } =
    { base: {}, params: {}, grid: {}, ...(one('file') ? structuredClone(readSweepFile(one('file')!)) : {}) } as never;
  spec.params ??= {};
  spec.grid ??= {};
  spec.base ??= {};
  if (one('preset')) {
    const p = getPreset(one('preset')!);
    if (p.compare) {
      const { method: _m, controls: _c, ...base } = structuredClone(p.config) as Record<string, unknown>;
      Object.assign(spec, { base, methods: p.compare.methods, densities: p.compare.densities, seeds: Array.from({ length: p.compare.seeds }, (_, i) => i), params: structuredClone(p.compare.params ?? {}) });
    } else if (opts.comparison) {
      throw new LabError(`Preset "${p.id}" is a single run, not a comparison: use \`npm run lab -- --preset ${p.id}\` (or \`lab sweep --preset ${p.id} --seeds 3\`)`);
    } else spec.base = structuredClone(p.config) as Record<string, unknown>;
  }
  if (one('config')) spec.base = readConfigFile(one('config')!);
  if (opts.comparison && !spec.methods) Object.assign(spec, structuredClone(DEFAULT_COMPARISON));
  const b = spec.base;
  b.training ??= {};
  b.data ??= {};
  if (one('methods')) spec.methods = one('methods')!.split(',').map((s) => s.trim()).filter(Boolean);
  if (one('densities')) spec.densities = numbers('densities', one('densities')!);
  if (one('seeds')) {
    const v = one('seeds')!;
    const n = numbers('seeds', v)[0];
    if (!v.includes(',') && !(Number.isInteger(n) && n >= 1 && n <= MAX_SEEDS)) throw new LabError(`--seeds expects a count from 1 to ${MAX_SEEDS} or a comma list of seeds, got "${v.slice(0, 40)}"`);
    spec.seeds = v.includes(',') ? numbers('seeds', v) : Array.from({ length: n }, (_, i) => i);
  }
  const numeric: [string, string, string][] = [
    ['lr', 'training', 'lr'], ['batch', 'training', 'batchSize'], ['iterations', 'training', 'iterations'], ['eval-every', 'training', 'evalEvery'],
    ['train-subset', 'data', 'trainSubset'], ['test-subset', 'data', 'testSubset'], ['val-size', 'data', 'valSize'],
  ];
  for (const [flag, group, key] of numeric) if (one(flag)) b[group][key] = numbers(flag, one(flag)!)[0];
  if (one('optimizer')) b.training.optimizer = one('optimizer');
  if (one('model')) b.model = one('model');
  if (one('dataset')) b.data.dataset = one('dataset');
  for (const kv of flags.param ?? []) {
    const m = /^([^.=]+)\.([^=]+)=(.*)$/.exec(kv);
    if (!m) throw new LabError(`--param expects method.key=value, got "${kv.slice(0, 60)}"`);
    assertSafeKey(m[1], `--param ${m[1]}.${m[2]}`);
    const value = jsonOrString(m[3], `--param ${m[1]}.${m[2]}`);
    setPathSafely((spec.params[m[1]] = Object.hasOwn(spec.params, m[1]) ? spec.params[m[1]] : {}), m[2], value);
  }
  for (const kv of flags.grid ?? []) {
    const eq = kv.indexOf('=');
    const key = eq > 0 ? kv.slice(0, eq) : '';
    if (!GridKeySchema.safeParse(key).success) throw new LabError(`--grid expects path=v1,v2 with a dotted config path, got "${kv.slice(0, 60)}"`);
    spec.grid[key] = kv.slice(eq + 1).split(',').map((s) => jsonOrString(s.trim(), `--grid ${key}`));
  }
  return { spec: spec as SweepSpecInput, data: one('data') };
}
