/**
 * What tells overlaid runs apart: the settings in which their configs
 * differ, named briefly ("rewind k=200 · 300 its"), so a legend says more
 * than "IMP ticket (2)".
 */
type Flat = Record<string, string>;

function flatten(v: unknown, prefix = '', out: Flat = {}): Flat {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (v !== undefined) {
    out[prefix] = Array.isArray(v) ? v.join('/') : String(v);
  }
  return out;
}

/** Short names for the settings people vary most. */
const SHORT: Record<string, (v: string) => string> = {
  'method.params.rewindStep': (v) => `k=${v}`,
  'method.params.reset': (v) => (v === 'init' ? 'reset to θ0' : v),
  'training.iterations': (v) => `${Number(v).toLocaleString('en')} its`,
  'training.lr': (v) => `lr ${v}`,
  'training.batchSize': (v) => `batch ${v}`,
  seed: (v) => `seed ${v}`,
  model: (v) => v,
  'method.params.density': (v) => `${+(Number(v) * 100).toPrecision(6)} % kept`,
};
const IGNORED = new Set(['name']);

/** For each run (by index), the settings that differ from the other runs', at most `limit`, joined by " · ". */
export function differingSettings(configs: readonly unknown[], limit = 3): string[] {
  const flats = configs.map((c) => flatten(c));
  const keys = [...new Set(flats.flatMap((f) => Object.keys(f)))].filter((k) => !IGNORED.has(k) && new Set(flats.map((f) => f[k] ?? '')).size > 1);
  // Known names first, in the order people read them.
  const order = Object.keys(SHORT);
  keys.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  return flats.map((f) =>
    keys.slice(0, limit).map((k) => (f[k] === undefined ? `no ${k.split('.').pop()}` : (SHORT[k] ?? ((v: string) => `${k.split('.').pop()} ${v}`))(f[k]))).join(' · '),
  );
}
