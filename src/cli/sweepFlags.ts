import { readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { COMPARE_METHODS } from '../engine/experiment/compare';
import { getPreset } from '../engine/presets';
import { GridKeySchema, SweepSpecSchema, type SweepSpecInput } from '../engine/sweep/spec';
import { assertNoReservedKeys, RESERVED_KEYS, describeZod, parseUntrustedJson, SweepFileError } from '../engine/sweep/untrusted';
import { readConfigFile } from './args';

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

export function readSweepFile(path: string): SweepSpecInput {
  if (statSync(path).size > MAX_SWEEP_FILE_CHARS) throw new SweepFileError(`${path} is larger than ${MAX_SWEEP_FILE_CHARS / 1e6} MB: not a sweep file`);
  const text = readFileSync(path, 'utf8');
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

function numbers(flag: string, v: string): number[] {
  const xs = v.split(',').filter((s) => s.trim() !== '').map(Number);
  if (xs.length === 0 || xs.some((x) => !Number.isFinite(x))) throw new Error(`--${flag} expects numbers separated by commas, got "${v}"`);
  return xs;
}

function jsonOrString(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
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
  const one = (k: string) => flags[k]?.[flags[k].length - 1];
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
      throw new Error(`Preset "${p.id}" is a single run, not a comparison: use \`npm run lab -- --preset ${p.id}\` (or \`lab sweep --preset ${p.id} --seeds 3\`)`);
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
    spec.seeds = v.includes(',') ? numbers('seeds', v) : Array.from({ length: numbers('seeds', v)[0] }, (_, i) => i);
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
    if (!m || RESERVED_KEYS.has(m[1]) || RESERVED_KEYS.has(m[2])) throw new Error(`--param expects method.key=value, got "${kv}"`);
    const params = Object.hasOwn(spec.params, m[1]) ? spec.params[m[1]] : (spec.params[m[1]] = {});
    params[m[2]] = jsonOrString(m[3]);
  }
  for (const kv of flags.grid ?? []) {
    const eq = kv.indexOf('=');
    const key = eq > 0 ? kv.slice(0, eq) : '';
    if (!GridKeySchema.safeParse(key).success) throw new Error(`--grid expects path=v1,v2 with a dotted config path, got "${kv}"`);
    spec.grid[key] = kv.slice(eq + 1).split(',').map((s) => jsonOrString(s.trim()));
  }
  return { spec: spec as SweepSpecInput, data: one('data') };
}
