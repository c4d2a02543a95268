import { z } from 'zod';
import { findMethod, getMethod, methodIds, methods, parseMethodParams } from '../methods/registry';
import type { CompareKind, SparsityMethod } from '../methods/types';
import { ownEntry, UnknownIdError } from '../util/ownKeys';
import { defaultRunConfig, RunConfigSchema, type RunConfigInput } from './config';

/**
 * Method × density × seed comparisons on one training budget: every network
 * trains for `training.iterations` per round. Iterative methods (IMP, LAMP)
 * reach every density in one run, one round per density; the others run once
 * per density. Results are summarised as mean ± std over seeds.
 */
export const CompareSpecSchema = z.object({
  /** Model, data and training shared by every run (its method is ignored). */
  base: RunConfigSchema.partial().default({}),
  /** Entries of COMPARE_METHODS (e.g. random-erk) or plain method ids taking a `density` param. */
  methods: z.array(z.string()).min(1),
  densities: z.array(z.number().gt(0).max(1)).min(1),
  seeds: z.array(z.number().int().min(0)).min(1),
  /** Extra params per method name, merged over the defaults. */
  params: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
});
export type CompareSpec = z.infer<typeof CompareSpecSchema>;
export type CompareSpecInput = z.input<typeof CompareSpecSchema>;

/** `iterations`: the shared per-round budget, for settings given as an iteration (the rewind point k). */
interface Entry { id: string; kind: CompareKind; label: string; params: (density: number, iterations: number) => Record<string, unknown> }

/**
 * Every name a comparison accepts (`--methods imp,random-erk,…`): each method
 * by its id, and its named variants. Read from the methods' own `comparison`
 * (methods/*.ts), so a new method needs no line here.
 */
export const COMPARE_METHODS: Record<string, Entry> = Object.fromEntries(Object.values(methods).flatMap(compareEntriesOf));

function compareEntriesOf(m: Pick<SparsityMethod, 'id' | 'label' | 'comparison'>): [string, Entry][] {
  const { kind, label = m.label, variants = {} } = m.comparison ?? { kind: 'single' as const };
  const own = (density: number): Record<string, unknown> => (kind === 'single' ? { density } : {});
  return [
    [m.id, { id: m.id, kind, label, params: own }],
    ...Object.entries(variants).map(([name, v]): [string, Entry] => [name, { id: m.id, kind, label: v.label, params: v.params }]),
  ];
}

/** The line label of a comparison name ("random-erk" → "Random (ERK)"); a name this build lacks stays as it is. */
export const compareLabel = (name: string): string => ownEntry(COMPARE_METHODS, name)?.label ?? name;

export function compareEntry(name: string): Entry {
  const e = ownEntry(COMPARE_METHODS, name);
  if (e) return e;
  // A method registered after this module loaded (tests register probes).
  const m = findMethod(name);
  if (m) return compareEntriesOf(m)[0][1];
  throw new UnknownIdError('method', name, [...new Set([...Object.keys(COMPARE_METHODS), ...methodIds()])]);
}

export interface PlannedRun {
  method: string;
  seed: number;
  /** The density this run targets; null for an iterative run (all densities) and dense. */
  density: number | null;
  config: RunConfigInput;
  rounds: number;
  /** Training iterations the run will take, for an overall ETA. */
  steps: number;
}

export interface CompareCell {
  method: string;
  density: number;
  seeds: number[];
  final: number[];
  earlyStop: number[];
  earlyStopStep: number[];
  /** Density actually reached (after rounding), per seed. */
  realised: number[];
  finalMean: number; finalStd: number; earlyStopMean: number; earlyStopStd: number;
}

export interface CompareResult {
  schema: 'sparse-lab/compare@1';
  spec: CompareSpec;
  cells: CompareCell[];
  runs: { method: string; seed: number; density: number | null; runId: string; seconds: number; stoppedReason?: string }[];
  seconds: number;
  stoppedReason?: string;
}

/** Every run of the comparison, seed by seed (so a stopped comparison still has whole tables). */
export function planComparison(spec: CompareSpec): PlannedRun[] {
  const densities = [...new Set(spec.densities)].sort((a, b) => b - a);
  const T = spec.base.training?.iterations ?? defaultRunConfig().training.iterations;
  const plan: PlannedRun[] = [];
  for (const seed of spec.seeds) {
    for (const name of spec.methods) {
      const e = compareEntry(name);
      const extra = Object.hasOwn(spec.params, name) ? spec.params[name] : {};
      const make = (density: number | null, params: Record<string, unknown>): PlannedRun => {
        const merged = parseMethodParams(e.id, { ...params, ...extra });
        const config = { ...spec.base, name: `${name}${density === null ? '' : ` @ ${density}`} seed ${seed}`, seed, method: { id: e.id, params: merged }, controls: [] };
        const rounds = getMethod(e.id).rounds(merged);
        return { method: name, seed, density, config, rounds, steps: rounds * T };
      };
      if (e.kind === 'dense') plan.push(make(null, {}));
      else if (e.kind === 'iterative') plan.push(make(null, { ...e.params(1, T), targetDensities: densities }));
      else for (const d of densities) plan.push(make(d, e.params(d, T)));
    }
  }
  return plan;
}

export function meanStd(xs: number[]): { mean: number; std: number } {
  if (xs.length === 0) return { mean: NaN, std: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  // Sample standard deviation across seeds (0 for a single seed).
  const std = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, std };
}
