import { hash32 } from '../util/rng';
import type { RunConfig } from './config';

/**
 * A stable name for a run, after open_lth's hashed descriptors: the hash of
 * the canonical JSON of the full config (keys sorted), so equal configs get
 * equal names whatever order their fields were written in.
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

export function runId(config: RunConfig): string {
  const text = canonicalJson({ ...config, name: undefined });
  // Two independent 32-bit hashes give a 64-bit name: collisions are not a practical concern.
  const a = hash32(text).toString(16).padStart(8, '0');
  const b = hash32(`salt:${text}`).toString(16).padStart(8, '0');
  return `run_${a}${b}`;
}
