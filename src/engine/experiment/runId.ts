import { parseMethodParams } from '../methods/registry';
import { hash32 } from '../util/rng';
import { defaultRunConfig, type RunConfig } from './config';

/**
 * A stable name for a run, after open_lth's hashed descriptors: the hash of
 * the canonical JSON (keys sorted) of every setting that differs from its
 * default. Equal configs get equal names whatever order their fields were
 * written in, and adding a new setting whose default is a no-op leaves old
 * names unchanged (a pinned test guards this).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `value` without the entries equal to `defaults` (recursively; arrays compare whole). */
export function withoutDefaults(value: unknown, defaults: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !defaults || typeof defaults !== 'object') {
    return canonicalJson(value) === canonicalJson(defaults) ? undefined : value;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const d = withoutDefaults(v, (defaults as Record<string, unknown>)[k]);
    if (d !== undefined && !(typeof d === 'object' && d !== null && !Array.isArray(d) && Object.keys(d).length === 0)) out[k] = d;
  }
  return out;
}

/** The defaults, parsed once: runId only reads an already-checked config, it parses nothing. */
const methodDefaults = new Map<string, Record<string, unknown>>();

function defaultsOf(methodId: string): { config: RunConfig; method: Record<string, unknown> } {
  let method = methodDefaults.get(methodId);
  if (!method) methodDefaults.set(methodId, (method = parseMethodParams(methodId, {})));
  return { config: defaultRunConfig(), method };
}

export function runId(config: RunConfig): string {
  const defaults = defaultsOf(config.method.id);
  const { name: _name, method, ...rest } = config;
  const significant = {
    ...(withoutDefaults(rest, defaults.config) as object),
    method: { id: method.id, params: withoutDefaults(method.params, defaults.method) ?? {} },
  };
  const text = canonicalJson(significant);
  // Two independent 32-bit hashes give a 64-bit name: collisions are not a practical concern.
  const a = hash32(text).toString(16).padStart(8, '0');
  const b = hash32(`salt:${text}`).toString(16).padStart(8, '0');
  return `run_${a}${b}`;
}
