import { z } from 'zod';
import type { Dataset } from '../data/types';
import { findMethod, getMethod, methodIds, parseMethodParams } from '../methods/registry';
import { ownEntry, UnknownIdError } from '../util/ownKeys';
import { RunConfigSchema, type RunConfigInput } from './config';
import { RunControl } from './control';
import type { RoundResult, RunEvent, RunResult } from './events';
import { runExperiment } from './runner';

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

export type CompareEvent =
  | { type: 'compare-start'; plan: PlannedRun[]; totalSteps: number }
  | { type: 'run-start'; index: number; run: PlannedRun; stepsBefore: number }
  | { type: 'run-event'; index: number; run: PlannedRun; event: RunEvent }
  | { type: 'run-end'; index: number; run: PlannedRun; result: RunResult }
  | { type: 'compare-end'; result: CompareResult };

/** Every run of the comparison, seed by seed (so a stopped comparison still has whole tables). */
export function planComparison(spec: CompareSpec): PlannedRun[] {
  const densities = [...new Set(spec.densities)].sort((a, b) => b - a);
  const T = spec.base.training?.iterations ?? RunConfigSchema.parse({}).training.iterations;
  const plan: PlannedRun[] = [];
  for (const seed of spec.seeds) {
    for (const name of spec.methods) {
      const e = compareEntry(name);
      const extra = spec.params[name] ?? {};
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

/** The rounds of one run that stand for each density (dense: round 0 at density 1). */
function roundsByDensity(run: PlannedRun, result: RunResult, densities: number[]): [number, RoundResult][] {
  const trunk = result.rounds.filter((r) => r.series === 'trunk');
  if (compareEntry(run.method).kind === 'dense') return trunk[0] ? [[1, trunk[0]]] : [];
  if (run.density !== null) {
    const last = trunk[trunk.length - 1];
    // A method with several rounds (one-shot) only reaches its density in its last round.
    return last && last.round === run.rounds - 1 ? [[run.density, last]] : [];
  }
  const sorted = [...new Set(densities)].sort((a, b) => b - a);
  return trunk.filter((r) => r.round > 0 && r.round <= sorted.length).map((r) => [sorted[r.round - 1], r]);
}

export function meanStd(xs: number[]): { mean: number; std: number } {
  if (xs.length === 0) return { mean: NaN, std: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  // Sample standard deviation across seeds (0 for a single seed).
  const std = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, std };
}

/** Runs the whole comparison on an already-loaded dataset, streaming events. */
export async function runComparison(specInput: CompareSpecInput, ds: Dataset, onEvent: (e: CompareEvent) => void = () => {}, control = new RunControl()): Promise<CompareResult> {
  const spec = CompareSpecSchema.parse(specInput);
  const plan = planComparison(spec);
  const totalSteps = plan.reduce((n, p) => n + p.steps, 0);
  const t0 = performance.now();
  const cells = new Map<string, CompareCell>();
  const runs: CompareResult['runs'] = [];
  let stoppedReason: string | undefined;
  onEvent({ type: 'compare-start', plan, totalSteps });
  let stepsBefore = 0;
  for (let index = 0; index < plan.length; index++) {
    const run = plan[index];
    if (control.shouldStopAfterRound) {
      stoppedReason = 'stopped';
      break;
    }
    onEvent({ type: 'run-start', index, run, stepsBefore });
    const result = await runExperiment(run.config, ds, { emit: (event) => onEvent({ type: 'run-event', index, run, event }), control });
    stepsBefore += run.steps;
    runs.push({ method: run.method, seed: run.seed, density: run.density, runId: result.runId, seconds: result.seconds, ...(result.stoppedReason ? { stoppedReason: result.stoppedReason } : {}) });
    for (const [density, r] of roundsByDensity(run, result, spec.densities)) {
      const key = `${run.method}|${density}`;
      const c = cells.get(key) ?? { method: run.method, density, seeds: [], final: [], earlyStop: [], earlyStopStep: [], realised: [], finalMean: NaN, finalStd: NaN, earlyStopMean: NaN, earlyStopStd: NaN };
      c.seeds.push(run.seed);
      c.final.push(r.finalTestAcc);
      c.earlyStop.push(r.earlyStopTestAcc);
      c.earlyStopStep.push(r.earlyStopStep);
      c.realised.push(r.density);
      const f = meanStd(c.final);
      const es = meanStd(c.earlyStop);
      Object.assign(c, { finalMean: f.mean, finalStd: f.std, earlyStopMean: es.mean, earlyStopStd: es.std });
      cells.set(key, c);
    }
    onEvent({ type: 'run-end', index, run, result });
    if (result.stoppedReason && result.stoppedReason !== 'stopped after round') {
      stoppedReason = result.stoppedReason;
      break;
    }
  }
  const order = (c: CompareCell) => spec.methods.indexOf(c.method) * 1e3 - c.density;
  const result: CompareResult = {
    schema: 'sparse-lab/compare@1', spec, cells: [...cells.values()].sort((a, b) => order(a) - order(b)), runs,
    seconds: (performance.now() - t0) / 1000, ...(stoppedReason ? { stoppedReason } : {}),
  };
  onEvent({ type: 'compare-end', result });
  return result;
}
