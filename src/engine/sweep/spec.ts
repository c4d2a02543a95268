import { z } from 'zod';
import { compareEntry, CompareSpecSchema, planComparison } from '../experiment/compare';
import type { RunConfig } from '../experiment/config';
import { normaliseConfig } from '../experiment/normalise';
import { runId } from '../experiment/runId';
import { getMethod } from '../methods/registry';
import { LabError } from '../errors';
import { RESERVED_KEYS } from './untrusted';

/**
 * A sweep: a grid over config keys, optionally crossed with a method ×
 * density comparison, over seeds. Every cell is an ordinary RunConfig with
 * its run id (a hash of its non-default settings), so a finished cell is
 * recognised by name wherever its result file lies and is never trained twice.
 */
export type GridValue = number | string | boolean;

const SEGMENT = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;
/** A dotted path into the RunConfig (training.lr, method.params.reset, data.trainSubset …). */
export const GridKeySchema = z.string().max(120).refine(
  (k) => k.split('.').every((s) => SEGMENT.test(s) && !RESERVED_KEYS.has(s)),
  'a grid key is a dotted config path such as training.lr',
);
const GridValueSchema = z.union([z.number().finite(), z.string().max(200), z.boolean()]);
const NameSchema = z.string().max(60).refine((s) => !RESERVED_KEYS.has(s), 'reserved name');

/** More cells than this is a typo, not a sweep. */
export const MAX_CELLS = 20_000;

export const SweepSpecSchema = z.strictObject({
  name: z.string().max(120).optional(),
  /** Settings shared by every cell (a partial RunConfig; each cell is validated by the strict run schema). */
  base: z.record(NameSchema, z.unknown()).default({}),
  /** Comparison method names (imp, random-erk, snip …); each crossed with `densities` like `lab compare`. */
  methods: z.array(NameSchema).min(1).max(64).optional(),
  densities: z.array(z.number().gt(0).max(1)).min(1).max(64).optional(),
  seeds: z.array(z.number().int().min(0).max(2 ** 31 - 1)).min(1).max(1000).default([0]),
  /** Extra parameters per comparison method name. */
  params: z.record(NameSchema, z.record(NameSchema, z.unknown())).default({}),
  /** Config path → values; the sweep runs every combination. */
  grid: z.record(GridKeySchema, z.array(GridValueSchema).min(1).max(256)).default({}),
});
export type SweepSpec = z.infer<typeof SweepSpecSchema>;
export type SweepSpecInput = z.input<typeof SweepSpecSchema>;

export type CellKind = 'dense' | 'iterative' | 'single' | 'run';

/** What a cell stands for in the tables; stored in its result file. */
export interface CellMeta {
  /** Position in the whole (unsharded) sweep: merged tables keep the sweep's order. */
  index: number;
  /** Comparison method name, or the method id of a plain run. */
  method: string;
  /** Target density (single-density methods), else null. */
  density: number | null;
  /** Densities an iterative run's rounds 1…n stand for. */
  targets: number[] | null;
  seed: number;
  /** This cell's grid point (empty without a grid). */
  grid: Record<string, GridValue>;
  kind: CellKind;
  /** Planned trunk rounds. */
  rounds: number;
}

export interface SweepCell extends CellMeta {
  runId: string;
  config: RunConfig;
  /** Planned training iterations, for the sweep's ETA. */
  steps: number;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    const next = Object.hasOwn(o, k) ? o[k] : undefined;
    o = (next && typeof next === 'object' && !Array.isArray(next) ? next : (o[k] = {})) as Record<string, unknown>;
  }
  o[keys[keys.length - 1]] = value;
}

/** Every combination of the grid's values, keys in the order written. */
export function gridPoints(grid: Record<string, GridValue[]>): Record<string, GridValue>[] {
  let points: Record<string, GridValue>[] = [{}];
  for (const key of Object.keys(grid)) {
    points = points.flatMap((p) => grid[key].map((v) => ({ ...p, [key]: v })));
    if (points.length > MAX_CELLS) throw new LabError(`The grid has more than ${MAX_CELLS} points`);
  }
  return points;
}

/** A readable name for a cell's line in tables and charts: method plus its grid point. */
export function groupLabel(c: Pick<CellMeta, 'method' | 'grid'>): string {
  const g = Object.entries(c.grid).map(([k, v]) => `${k}=${v}`).join(', ');
  return g ? `${c.method} · ${g}` : c.method;
}

function cellsAt(spec: SweepSpec, base: Record<string, unknown>, grid: Record<string, GridValue>): Omit<SweepCell, 'index'>[] {
  if (spec.methods) {
    if (!spec.densities) throw new LabError('A sweep over methods needs densities');
    const { method: _m, controls: _c, ...shared } = base;
    const plan = planComparison(CompareSpecSchema.parse({ base: shared, methods: spec.methods, densities: spec.densities, seeds: spec.seeds, params: spec.params }));
    const targets = [...new Set(spec.densities)].sort((a, b) => b - a);
    return plan.map((p) => {
      const config = normaliseConfig(p.config);
      const kind = compareEntry(p.method).kind;
      return { runId: runId(config), config, method: p.method, density: p.density, targets: kind === 'iterative' ? targets : null, seed: p.seed, grid, kind, rounds: p.rounds, steps: p.steps };
    });
  }
  if (spec.densities) throw new LabError('densities need methods; to sweep one method\'s density use the grid key method.params.density');
  if (Object.hasOwn(grid, 'seed')) throw new LabError('Sweep seeds with "seeds", not a grid key');
  return spec.seeds.map((seed) => {
    const config = normaliseConfig({ ...base, seed });
    const rounds = getMethod(config.method.id).rounds(config.method.params);
    const T = config.training.iterations;
    const density = config.method.params.density;
    return {
      runId: runId(config), config, method: config.method.id, density: typeof density === 'number' ? density : null, targets: null,
      seed, grid, kind: 'run' as const, rounds, steps: T * (rounds + Math.max(0, rounds - 1) * config.controls.length),
    };
  });
}

/** The sweep's cells in a fixed order (grid point, then seed, then method, then density); equal configs appear once. */
export function expandSweep(input: SweepSpecInput): SweepCell[] {
  const spec = SweepSpecSchema.parse(input);
  const cells: SweepCell[] = [];
  const seen = new Set<string>();
  for (const point of gridPoints(spec.grid)) {
    const base = structuredClone(spec.base);
    for (const [k, v] of Object.entries(point)) setPath(base, k, v);
    for (const c of cellsAt(spec, base, point)) {
      if (seen.has(c.runId)) continue;
      seen.add(c.runId);
      cells.push({ ...c, index: cells.length });
      if (cells.length > MAX_CELLS) throw new LabError(`The sweep has more than ${MAX_CELLS} cells`);
    }
  }
  return cells;
}

export interface Shard {
  index: number;
  count: number;
}

/** "i/n" with 0 ≤ i < n: Slurm's SLURM_ARRAY_TASK_ID and Kubernetes' JOB_COMPLETION_INDEX both count from 0. */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 0 && index < count)) throw new LabError(`--shard expects i/n with 0 ≤ i < n (e.g. 0/4), got "${text}"`);
  return { index, count };
}

/**
 * The cells shard i of n runs. Every shard computes the same assignment from
 * the whole sweep, so n machines running the same command with i = 0…n−1
 * cover it exactly once with no coordinator. Cells are dealt largest first
 * to the shard with the least planned work (ties to the lowest shard), so an
 * IMP run of five rounds and five one-round runs weigh the same.
 */
export function shardCells<T extends { index: number; steps: number }>(cells: T[], shard: Shard): T[] {
  const load = new Array<number>(shard.count).fill(0);
  const mine = new Set<number>();
  for (const c of [...cells].sort((a, b) => b.steps - a.steps || a.index - b.index)) {
    let best = 0;
    for (let i = 1; i < load.length; i++) if (load[i] < load[best]) best = i;
    load[best] += c.steps;
    if (best === shard.index) mine.add(c.index);
  }
  return cells.filter((c) => mine.has(c.index));
}

export function cellMeta(c: SweepCell): CellMeta {
  const { index, method, density, targets, seed, grid, kind, rounds } = c;
  return { index, method, density, targets, seed, grid, kind, rounds };
}
