import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parseRunConfig } from '../experiment/config';
import { modelSpec } from '../models/registry';
import { initWeights, type Weights } from '../models/init';
import { prunableParams } from '../models/types';
import { denseMasks, type Masks } from '../pruning/masks';
import { Rng } from '../util/rng';
import { methods } from './registry';
import type { SparsityMethod } from './types';

/**
 * The guard behind "never silently ignore a setting": for every method and
 * every combination of its modes (enum values, optional fields present or
 * not, numeric fields at 0 / 0.5 / 1), each parameter is changed on its own.
 * If no change of it alters anything the method decides (rounds, rewind step,
 * masks at init, during training and between rounds, reset kind), the method
 * must list it in ignoredParams for that combination — and if it is listed, a
 * change must indeed alter nothing. A new parameter, mode or method that
 * breaks this fails here.
 */

// A tiny net with every layer role (conv, fc, output), so no role-specific field is vacuous.
const model = modelSpec('probe', 'probe', { kind: 'conv', blocks: [4], fc: [16] }, [6, 6, 1], 3);
const config = parseRunConfig({ model: 'conv-tiny' });
const T = 200;

type Leaf = { path: string; kind: string; options?: unknown[]; element?: Leaf };
type AnyMethod = SparsityMethod<Record<string, unknown>>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walks zod's internal definitions
function leaves(schema: any, prefix = ''): Leaf[] {
  const def = schema._zod.def;
  switch (def.type) {
    case 'default':
    case 'optional':
      return leaves(def.innerType, prefix);
    case 'object':
      return Object.entries(def.shape).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
    case 'enum':
      return [{ path: prefix, kind: 'enum', options: Object.values(def.entries) }];
    case 'array':
      return [{ path: prefix, kind: 'array', element: leaves(def.element)[0] }];
    default:
      return [{ path: prefix, kind: def.type }];
  }
}

function getAt(o: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], o);
}
function setAt(o: Record<string, unknown>, path: string, v: unknown): Record<string, unknown> {
  const out = structuredClone(o);
  const keys = path.split('.');
  let x = out;
  for (const k of keys.slice(0, -1)) x = x[k] as Record<string, unknown>;
  if (v === undefined) delete x[keys[keys.length - 1]];
  else x[keys[keys.length - 1]] = v;
  return out;
}

function candidates(leaf: Leaf): unknown[] {
  switch (leaf.kind) {
    case 'enum':
      return leaf.options!;
    case 'boolean':
      return [true, false];
    case 'number':
      return [0, 0.5, 1, 0.05, 0.3, 3];
    case 'array':
      return leaf.element?.kind === 'enum' ? [[], ...leaf.element.options!.map((o) => [o])] : [undefined, [0.5, 0.2], [0.3, 0.1, 0.05]];
    default:
      throw new Error(`No candidate values for a ${leaf.kind} field (${leaf.path}): teach this test about it`);
  }
}

const valid = (m: AnyMethod, p: Record<string, unknown>) => m.schema.safeParse(p).success;
const parse = (m: AnyMethod, p: Record<string, unknown>) => m.schema.parse(p) as Record<string, unknown>;

/** Modes to test: the defaults, every enum/array combination, and each number at 0 / 0.5 / 1 alone. */
function modes(m: AnyMethod): Record<string, unknown>[] {
  const base = parse(m, {});
  const fields = leaves(m.schema);
  let combos = [base];
  for (const f of fields.filter((l) => l.kind === 'enum' || l.kind === 'array' || l.kind === 'boolean')) {
    combos = combos.flatMap((c) => candidates(f).map((v) => setAt(c, f.path, v)).filter((c2) => valid(m, c2)));
  }
  for (const f of fields.filter((l) => l.kind === 'number')) {
    for (const v of [0, 0.5, 1]) {
      const c = setAt(base, f.path, v);
      if (valid(m, c)) combos.push(c);
    }
  }
  return combos.map((c) => parse(m, c));
}

function hashMasks(masks: Masks): string {
  return Object.keys(masks).map((n) => {
    let h = 0;
    masks[n].forEach((b, i) => (h = b ? (h * 31 + i) % 1_000_000_007 : h));
    return `${n}:${h}`;
  }).join(',');
}

function randomOf(seed: number): Weights {
  const w = initWeights(model, seed);
  return w;
}

/** Everything the method decides under params p, as one string. */
function behaviour(m: AnyMethod, p: Record<string, unknown>): string {
  const out: unknown[] = [m.rounds(p), m.rewindStep?.(p) ?? 0, m.initGradBatches?.(p) ?? 0];
  const layers = prunableParams(model).map((l) => l.name);
  const gradsOf = (seed: number) => Object.fromEntries(layers.map((n) => [n, randomOf(seed + 1000)[n]]));
  let masks = denseMasks(model);
  if (m.initMasks) {
    const init = m.initMasks({ model, config, weights: randomOf(1), masks, grads: gradsOf(1), rng: new Rng(1) }, p);
    masks = init.masks;
    out.push(hashMasks(masks), Boolean(init.redrawWeights));
  }
  if (m.updateMasks && m.updateEvery) {
    const every = m.updateEvery(p, T);
    const rng = new Rng(2);
    for (let step = every; step <= T; step += every) {
      const next = m.updateMasks({ model, config, weights: randomOf(step), masks, grads: gradsOf(step), rng, step, totalSteps: T }, p);
      if (next) {
        masks = next;
        out.push(hashMasks(masks));
      }
    }
  }
  if (m.afterRound) {
    for (let r = 0; r + 1 < Math.min(m.rounds(p), 4); r++) {
      const next = m.afterRound({ model, config, weights: randomOf(10 + r), masks, rng: new Rng(3) }, p, r);
      masks = next.masks;
      out.push(hashMasks(masks), next.reset);
    }
  }
  return JSON.stringify(out);
}

describe('no method silently ignores a parameter', () => {
  for (const [id, m] of Object.entries(methods) as [string, AnyMethod][]) {
    it(`${id}: a field either changes what the method does or is declared ignored`, () => {
      const problems: string[] = [];
      for (const p of modes(m)) {
        const ref = behaviour(m, p);
        const ignored = m.ignoredParams?.(p) ?? {};
        for (const leaf of leaves(m.schema)) {
          const alternatives = candidates(leaf)
            .filter((v) => JSON.stringify(v) !== JSON.stringify(getAt(p, leaf.path)))
            .map((v) => setAt(p, leaf.path, v))
            .filter((q) => valid(m, q))
            .map((q) => parse(m, q));
          if (alternatives.length === 0) continue;
          const changes = alternatives.some((q) => behaviour(m, q) !== ref);
          const declared = Object.prototype.hasOwnProperty.call(ignored, leaf.path);
          const mode = JSON.stringify(p);
          if (!changes && !declared) problems.push(`${leaf.path} has no effect but is not declared ignored, in ${mode}`);
          if (changes && declared) problems.push(`${leaf.path} is declared ignored but changes the result, in ${mode}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
