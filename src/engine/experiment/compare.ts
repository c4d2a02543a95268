import { z } from 'zod';
import { findMethod, getMethod, methodIds, parseMethodParams } from '../methods/registry';
import { ownEntry, UnknownIdError } from '../util/ownKeys';
import { RunConfigSchema, type RunConfigInput } from './config';

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

type Kind = 'iterative' | 'single' | 'dense';
/** `iterations`: the shared per-round budget, for settings given as an iteration (the rewind point k). */
interface Entry { id: string; kind: Kind; params: (density: number, iterations: number) => Record<string, unknown> }

/** Rewinding variants default to k = 5 % of the round, inside the 0.1–7 % window of Frankle et al. (2019). */
const defaultRewind = (iterations: number) => Math.max(1, Math.round(0.05 * iterations));

/** Named variants, so one flag (`--methods imp,random-erk,…`) selects a method and its setting. */
export const COMPARE_METHODS: Record<string, Entry> = {
  dense: { id: 'dense', kind: 'dense', params: () => ({}) },
  imp: { id: 'imp', kind: 'iterative', params: () => ({}) },
  'imp-rewind': { id: 'imp', kind: 'iterative', params: (_d, T) => ({ reset: 'rewind', rewindStep: defaultRewind(T) }) },
  'imp-lr-rewind': { id: 'imp', kind: 'iterative', params: (_d, T) => ({ reset: 'lr-rewind', rewindStep: defaultRewind(T) }) },
  lamp: { id: 'lamp', kind: 'iterative', params: () => ({}) },
  oneshot: { id: 'oneshot', kind: 'single', params: (density) => ({ density }) },
  'oneshot-lamp': { id: 'oneshot', kind: 'single', params: (density) => ({ density, score: 'lamp' }) },
  'random-uniform': { id: 'random', kind: 'single', params: (density) => ({ density, distribution: 'uniform' }) },
  'random-erk': { id: 'random', kind: 'single', params: (density) => ({ density, distribution: 'erk' }) },
  'random-uniform-plus': { id: 'random', kind: 'single', params: (density) => ({ density, distribution: 'uniform-plus' }) },
  snip: { id: 'snip', kind: 'single', params: (density) => ({ density }) },
  granet: { id: 'granet', kind: 'single', params: (density) => ({ density }) },
  'granet-s2s': { id: 'granet', kind: 'single', params: (density) => ({ density, initialDensity: Math.max(0.5, density) }) },
  gmp: { id: 'gmp', kind: 'single', params: (density) => ({ density }) },
  rigl: { id: 'rigl', kind: 'single', params: (density) => ({ density }) },
};

export function compareEntry(name: string): Entry {
  const e = ownEntry(COMPARE_METHODS, name);
  if (e) return e;
  if (findMethod(name)) return { id: name, kind: 'single', params: (density) => ({ density }) };
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
  const T = spec.base.training?.iterations ?? RunConfigSchema.parse({}).training.iterations;
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
