import type { ModelSpec } from '../models/types';
import { prunableParams, sizeOf } from '../models/types';

/**
 * One 0/1 mask per prunable tensor, keyed by param name. Masks live on the CPU
 * as bytes: pruning decisions are pure functions over them, identical on every
 * backend, and the trainer uploads them once per change.
 */
export type Masks = Record<string, Uint8Array>;

export interface LayerDensity {
  name: string;
  size: number;
  nnz: number;
  density: number;
}

export function denseMasks(model: ModelSpec): Masks {
  const m: Masks = {};
  for (const p of prunableParams(model)) m[p.name] = new Uint8Array(sizeOf(p.shape)).fill(1);
  return m;
}

export function cloneMasks(m: Masks): Masks {
  const out: Masks = {};
  for (const k of Object.keys(m)) out[k] = m[k].slice();
  return out;
}

export function nnz(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  return n;
}

export function layerDensities(m: Masks): LayerDensity[] {
  return Object.keys(m).map((name) => {
    const size = m[name].length;
    const count = nnz(m[name]);
    return { name, size, nnz: count, density: size === 0 ? 0 : count / size };
  });
}

/** Fraction of prunable weights that survive (LTH's Pm, as a fraction). */
export function overallDensity(m: Masks): number {
  let size = 0;
  let count = 0;
  for (const k of Object.keys(m)) {
    size += m[k].length;
    count += nnz(m[k]);
  }
  return size === 0 ? 1 : count / size;
}

/** Names of prunable layers left with no weight at all (layer collapse). */
export function collapsedLayers(m: Masks): string[] {
  return Object.keys(m).filter((k) => m[k].length > 0 && nnz(m[k]) === 0);
}

/** Throws unless `m` has exactly the model's prunable layers, sized right, holding only 0 and 1. */
export function validateMasks(model: ModelSpec, m: Masks): void {
  const expected = prunableParams(model);
  const names = new Set(Object.keys(m));
  for (const p of expected) {
    const mask = m[p.name];
    if (!mask) throw new Error(`Mask is missing layer ${p.name}`);
    if (mask.length !== sizeOf(p.shape)) throw new Error(`Mask for ${p.name} has ${mask.length} entries, expected ${sizeOf(p.shape)}`);
    for (let i = 0; i < mask.length; i++) if (mask[i] > 1) throw new Error(`Mask for ${p.name} holds ${mask[i]} at ${i}`);
    names.delete(p.name);
  }
  if (names.size > 0) throw new Error(`Mask has unknown layers: ${[...names].join(', ')}`);
}
