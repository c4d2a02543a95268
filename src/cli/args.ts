import { LabError, decodeRunFile, getPreset, parseJsonSafely, type RunConfigInput } from '../engine';
import { readBoundedFile } from '../node/boundedRead';
import { checkFlagValues, setPathSafely } from './flagValues';

/** Every `lab run` flag, with its help line; the parser and `--help` both read this table. */
export const RUN_FLAGS: Record<string, string> = {
  preset: 'start from a named preset (see `lab list`)',
  config: 'start from a JSON config file (a RunConfig or a result file written with --out)',
  method: 'method id (imp, dense, random, snip, granet, gmp, rigl, oneshot …)',
  param: 'method parameter as key=value (repeatable; dotted keys, JSON values): --param reset=rewind --param rates.fc=0.2',
  model: 'model id (lenet300, mlp-tiny, conv2, conv4, conv6, conv-tiny)',
  dataset: 'dataset id (mnist, cifar10)',
  data: 'folder holding the prepared data files (default public/data); for cifar10 also cifar-10-binary.tar.gz or its extracted folder',
  seed: 'run seed: init, data order and random masks all derive from it',
  optimizer: 'sgd | momentum | adam',
  lr: 'learning rate',
  momentum: 'momentum (momentum optimizer) or β1 (adam)',
  'weight-decay': 'L2 weight decay',
  batch: 'batch size',
  iterations: 'training iterations per round',
  epochs: 'passes over the training split per round, instead of --iterations',
  'last-batch': 'wrap (full batches across epochs, default) | keep | drop: what happens to the last partial batch of an epoch',
  init: 'glorot-normal (LTH, zero biases) | kaiming-normal | kaiming-uniform (open_lth, PyTorch bias init)',
  'eval-every': 'evaluate on validation and test every N iterations',
  rounds: 'IMP: pruning rounds after the dense round',
  reset: 'IMP: init | rewind | lr-rewind',
  'rewind-step': 'IMP: iteration k to rewind to',
  scope: 'IMP: layerwise | global',
  'rate-fc': 'IMP: fraction of surviving fc weights pruned per round',
  'rate-conv': 'IMP: fraction of surviving conv weights pruned per round',
  'rate-output': 'IMP: fraction of surviving output weights pruned per round',
  'global-rate': 'IMP global scope: fraction of all surviving weights pruned per round',
  exclude: 'IMP: comma list of layer roles never pruned (conv,fc,output), e.g. --exclude output',
  controls: 'comma list of LTH controls: reinit,random-mask (or "none")',
  'lmc-ks': 'instability analysis (linear mode connectivity) from these iterations k, e.g. 0,50,200 (method dense)',
  'lmc-density': 'instability analysis under the one-shot magnitude ticket of this density (default 1: dense)',
  'train-subset': 'use only N training examples',
  'test-subset': 'use only N test examples',
  'val-size': 'validation examples held out of train (0: train on all, no early stop)',
  backend: 'wasm | webgpu | cpu (webgpu: Dawn on the GPU, or SwiftShader where only Chromium\'s software Vulkan exists)',
  sparse: 'WASM sparse kernels for pruned layers: auto (by the measured crossover, default) | off (masked-dense) | force',
  out: 'write the result JSON to this file',
  'save-run': 'write a Sparse Lab run file (config, metrics, ticket masks and weights; opens in the page)',
  resume: 'continue an unfinished run from a run file saved with --save-run (or exported by the page)',
  link: 'print a share link for this config (and its results) against this base URL, e.g. http://localhost:5173/',
  quiet: 'no progress bar',
};

export interface ParsedArgs {
  flags: Record<string, string[]>;
  positionals: string[];
}

/** Parses `--key value`, `--key=value` and boolean `--key`; unknown flags are an error. */
export function parseArgs(argv: string[], known: Record<string, string>, booleans: string[] = ['quiet', 'help']): ParsedArgs {
  const flags: Record<string, string[]> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!Object.hasOwn(known, key) && !booleans.includes(key)) throw new LabError(`Unknown flag --${key.slice(0, 40)}. Run with --help for the list.`);
    let value: string;
    if (eq > 0) value = a.slice(eq + 1);
    else if (booleans.includes(key)) value = 'true';
    else {
      if (i + 1 >= argv.length) throw new LabError(`Flag --${key} needs a value`);
      value = argv[++i];
    }
    (Object.hasOwn(flags, key) ? flags[key] : (flags[key] = [])).push(value);
  }
  return { flags, positionals };
}

/** A RunConfig from a JSON config, a JSON result (--out), a sweep cell (lab sweep) or a binary run file (--save-run / page export). */
export function readConfigFile(path: string, flag = '--config'): Record<string, unknown> {
  const bytes = readBoundedFile(path, flag);
  if (new TextDecoder().decode(bytes.subarray(0, 8)) === 'SPLABRUN') return structuredClone(decodeRunFile(bytes, path).result.config) as Record<string, unknown>;
  let json: unknown;
  try {
    json = parseJsonSafely(new TextDecoder().decode(bytes), path);
  } catch (e) {
    if (e instanceof LabError) throw e;
    throw new LabError(`${path} is neither JSON nor a Sparse Lab run file (${(e as Error).message})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new LabError(`${path} holds JSON but not a config (an object of settings) or a result file`);
  const o = json as Record<string, unknown>;
  if (o.schema === 'sparse-lab/sweep-cell@1') {
    const result = o.result;
    if (result === null || typeof result !== 'object' || Array.isArray(result)) throw new LabError(`${path} is a sweep cell without a result`);
    return (result as Record<string, unknown>).config as Record<string, unknown>;
  }
  return (o.schema === 'sparse-lab/run@1' ? o.config : o) as Record<string, unknown>;
}

function num(flag: string, v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new LabError(`--${flag} expects a number, got "${v.slice(0, 40)}"`);
  return n;
}

/** A JSON value, or the text itself when it is not JSON (`reset=rewind`). */
function parseValue(v: string, where: string): unknown {
  try {
    return parseJsonSafely(v, where);
  } catch (e) {
    if (e instanceof LabError) throw e;
    return v;
  }
}

/** Builds a RunConfig input from a preset or file, then applies each flag on top. */
export function configFromFlags(flags: Record<string, string[]>): RunConfigInput {
  checkFlagValues(flags);
  const one = (k: string) => (Object.hasOwn(flags, k) ? flags[k][flags[k].length - 1] : undefined);
  let base: Record<string, unknown> = {};
  if (one('preset')) base = structuredClone(getPreset(one('preset')!).config) as Record<string, unknown>;
  if (one('config')) base = readConfigFile(one('config')!);
  // --resume alone continues the run file's own experiment.
  else if (one('resume') && !one('preset')) base = readConfigFile(one('resume')!, '--resume');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a loosely-typed draft, validated by zod afterwards
  const c = base as Record<string, any>;
  for (const group of ['training', 'data', 'method'] as const) {
    if (c[group] !== undefined && (c[group] === null || typeof c[group] !== 'object' || Array.isArray(c[group]))) {
      throw new LabError(`the config's "${group}" must be a group of settings, not ${JSON.stringify(c[group]).slice(0, 40)}`);
    }
  }
  c.training ??= {};
  c.data ??= {};
  c.method ??= { id: 'imp', params: {} };
  const method = c.method as { id: string; params?: Record<string, unknown> };
  if (one('method') && one('method') !== method.id) {
    method.id = one('method')!;
    method.params = {};
  }
  method.params ??= {};
  if (typeof method.params !== 'object' || method.params === null || Array.isArray(method.params)) throw new LabError('the config\'s "method.params" must be a group of settings');
  const numeric: [string, string, string][] = [
    ['lr', 'training', 'lr'], ['momentum', 'training', 'momentum'], ['weight-decay', 'training', 'weightDecay'],
    ['batch', 'training', 'batchSize'], ['iterations', 'training', 'iterations'], ['eval-every', 'training', 'evalEvery'], ['epochs', 'training', 'epochs'],
    ['train-subset', 'data', 'trainSubset'], ['test-subset', 'data', 'testSubset'], ['val-size', 'data', 'valSize'],
  ];
  for (const [flag, group, key] of numeric) if (one(flag)) c[group][key] = num(flag, one(flag)!);
  if (one('optimizer')) c.training.optimizer = one('optimizer');
  if (one('last-batch')) c.training.lastBatch = one('last-batch');
  if (one('init')) c.init = one('init');
  if (one('dataset')) c.data.dataset = one('dataset');
  if (one('model')) c.model = one('model');
  if (one('seed')) c.seed = num('seed', one('seed')!);
  if (one('controls')) c.controls = one('controls') === 'none' ? [] : one('controls')!.split(',').map((s) => s.trim());
  if (one('lmc-ks') || one('lmc-density')) {
    c.lmc ??= { ks: [0] };
    if (one('lmc-ks')) c.lmc.ks = one('lmc-ks')!.split(',').map((s) => num('lmc-ks', s.trim()));
    if (one('lmc-density')) c.lmc.density = num('lmc-density', one('lmc-density')!);
  }
  const p = method.params;
  if (one('rounds')) p.rounds = num('rounds', one('rounds')!);
  if (one('reset')) p.reset = one('reset');
  if (one('rewind-step')) p.rewindStep = num('rewind-step', one('rewind-step')!);
  if (one('scope')) p.scope = one('scope');
  if (one('global-rate')) p.globalRate = num('global-rate', one('global-rate')!);
  if (one('exclude')) p.exclude = one('exclude') === 'none' ? [] : one('exclude')!.split(',').map((s) => s.trim());
  for (const role of ['fc', 'conv', 'output']) {
    const v = one(`rate-${role}`);
    if (v) setPathSafely(p, `rates.${role}`, num(`rate-${role}`, v), `--rate-${role}`);
  }
  for (const kv of flags.param ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new LabError(`--param expects key=value, got "${kv.slice(0, 60)}"`);
    setPathSafely(p, kv.slice(0, eq), parseValue(kv.slice(eq + 1), `--param ${kv.slice(0, eq)}`));
  }
  return c as RunConfigInput;
}
