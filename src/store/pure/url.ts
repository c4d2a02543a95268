import { decodeHash, ShareError, presets, type DecodedHash } from '../../engine/spec';
import { isBackendName, type BackendChoice } from './backendOrder';

/**
 * Everything the page reads from its URL, in one place. The hash holds a
 * shared experiment (`#v=1&c=…&r=…&k=…`, src/engine/io/urlCodec.ts): its
 * config replaces the preset's, its results show at once. Query parameters, all optional:
 *   preset=ID        start from a preset (e.g. tiny-test)
 *   backend=NAME     auto | webgpu | webgl | wasm | cpu
 *   seed=N, iterations=N, trainSubset=N, rounds=N   small overrides for demos and tests
 * Nothing in a link starts training: a run starts when Start is pressed (an
 * old `autostart=1` is reported as ignored; one started 1.2 billion
 * iterations without a click). Unknown or malformed values are reported, never thrown.
 */
export interface UrlOptions {
  presetId?: string;
  backend?: BackendChoice;
  overrides: { seed?: number; iterations?: number; trainSubset?: number; rounds?: number };
  problems: string[];
  /** The hash's experiment (and results summary), when it decoded. */
  shared?: DecodedHash;
  /** Why the hash could not be used: malformed, damaged, too long, another version, unknown fields. */
  linkError?: string;
}

export const AUTOSTART_IGNORED = 'Ignored autostart in the link: training starts only when you press Start.';

const INT_KEYS = ['seed', 'iterations', 'trainSubset', 'rounds'] as const;

export function parseUrlOptions(search: string, hash = ''): UrlOptions {
  const q = new URLSearchParams(search);
  const out: UrlOptions = { overrides: {}, problems: [] };
  if (q.has('autostart')) out.problems.push(AUTOSTART_IGNORED);
  const preset = q.get('preset');
  if (preset !== null) {
    if (presets.some((p) => p.id === preset)) out.presetId = preset;
    else out.problems.push(`Unknown preset "${preset}" in the link; using the default.`);
  }
  const backend = q.get('backend');
  if (backend !== null) {
    if (backend === 'auto' || isBackendName(backend)) out.backend = backend;
    else out.problems.push(`Unknown backend "${backend}" in the link; choosing automatically.`);
  }
  for (const k of INT_KEYS) {
    const raw = q.get(k);
    if (raw === null) continue;
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 0) out.overrides[k] = n;
    else out.problems.push(`Ignored ${k}=${raw} in the link: expected a whole number.`);
  }
  try {
    const shared = decodeHash(hash);
    if (shared) out.shared = shared;
  } catch (e) {
    out.linkError = e instanceof ShareError ? e.message : `The link could not be read (${(e as Error).message})`;
  }
  return out;
}
