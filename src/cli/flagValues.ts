import { datasetIds, LabError, COMPARE_METHODS, methodIds, modelIds, presets, assertSafeKey, unknownIdMessage, SPARSE_MODES } from '../engine';
import { NODE_BACKENDS, PAGE_ONLY_BACKENDS } from '../node/backendChoices';

/**
 * Every flag whose value is one of a known set is checked here, before any
 * work: `--backend banana` used to train on WASM without a word. The message
 * names the flag and the valid values.
 */
const CHOICES: Record<string, () => readonly string[]> = {
  preset: () => presets.map((p) => p.id),
  method: methodIds,
  model: () => modelIds,
  dataset: datasetIds,
  optimizer: () => ['sgd', 'momentum', 'adam'],
  backend: () => NODE_BACKENDS,
  sparse: () => SPARSE_MODES,
  reset: () => ['init', 'rewind', 'lr-rewind'],
  scope: () => ['layerwise', 'global'],
};
/** Comma lists: each item is checked. */
const LIST_CHOICES: Record<string, () => readonly string[]> = {
  controls: () => ['reinit', 'random-mask', 'none'],
  methods: () => [...new Set([...Object.keys(COMPARE_METHODS), ...methodIds()])],
};

function check(flag: string, value: string, choices: readonly string[]): void {
  if (choices.includes(value)) return;
  if (flag === 'backend' && PAGE_ONLY_BACKENDS.includes(value)) {
    throw new LabError(`--backend ${value} is not available in the Node CLI (it runs on ${NODE_BACKENDS.join(', ')}); use the page for ${value}`);
  }
  throw new LabError(`--${flag}: ${unknownIdMessage(flag === 'methods' ? 'method' : flag, value, choices)}`);
}

export function checkFlagValues(flags: Record<string, string[]>): void {
  for (const [flag, values] of Object.entries(flags)) {
    const choices = Object.hasOwn(CHOICES, flag) ? CHOICES[flag] : undefined;
    const list = Object.hasOwn(LIST_CHOICES, flag) ? LIST_CHOICES[flag] : undefined;
    for (const v of values) {
      if (choices) check(flag, v, choices());
      if (list) for (const item of v.split(',').map((s) => s.trim()).filter(Boolean)) check(flag, item, list());
    }
  }
}

/** `rates.fc` → obj.rates.fc = value, refusing keys that would reach Object.prototype (`--param __proto__.x=1`). */
export function setPathSafely(obj: Record<string, unknown>, path: string, value: unknown, flag = '--param'): void {
  const keys = path.split('.');
  for (const k of keys) {
    if (!k) throw new LabError(`${flag} ${path}: empty key`);
    assertSafeKey(k, `${flag} ${path}`);
  }
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    const next = Object.hasOwn(o, k) ? o[k] : undefined;
    if (next !== undefined && (next === null || typeof next !== 'object' || Array.isArray(next))) {
      throw new LabError(`${flag} ${path}: ${k} is a value, not a group of settings`);
    }
    o = (next ?? (o[k] = {})) as Record<string, unknown>;
  }
  o[keys[keys.length - 1]] = value;
}
