import { z, type ZodError } from 'zod';
import type { RunCheckpoint } from '../experiment/checkpoint';
import type { RoundResult } from '../experiment/events';
import { isForbiddenKey } from '../util/ownKeys';

/**
 * The shapes of what a run file, a checkpoint and a stored record hold, checked
 * before anything renders or resumes from them. A file with a valid checksum
 * can still hold anything, and one object where a number belongs used to blank
 * every later visit (a tooltip formatted it). Shared by the page (import,
 * IndexedDB, the worker's resume) and the CLI (--config, --resume), so both
 * hosts give the same message for the same damage.
 */

/** JSON turns NaN (a diverged loss) into null: accept it and give the NaN back. */
export const finiteOrNaN = z.number().nullable().transform((v) => (v === null ? Number.NaN : v));

/** Layer and parameter names: short, printable, never a key that reaches a prototype. */
export const LayerName = z.string().min(1).max(200).refine((k) => !isForbiddenKey(k), { message: 'reserved name' });

export const EvalPointSchema = z.object({ step: z.number().int().nonnegative(), trainLoss: finiteOrNaN, valLoss: finiteOrNaN, valAcc: finiteOrNaN, testLoss: finiteOrNaN, testAcc: finiteOrNaN });

export const LayerDensitySchema = z.object({ name: LayerName, size: z.number().int().nonnegative(), nnz: z.number().int().nonnegative(), density: z.number().min(0).max(1) });

export const RoundSchema = z.object({
  series: z.enum(['trunk', 'reinit', 'random-mask']),
  round: z.number().int().min(0).max(10_000),
  density: z.number().min(0).max(1),
  layers: z.array(LayerDensitySchema).max(1000),
  earlyStopStep: z.number().int().nonnegative(),
  earlyStopValAcc: finiteOrNaN, earlyStopTestAcc: finiteOrNaN, finalTestAcc: finiteOrNaN, finalValAcc: finiteOrNaN,
  curve: z.array(EvalPointSchema).max(100_000),
  /** In-training mask updates (GraNet, GMP, RigL): the density-over-training chart. */
  maskTrace: z.array(z.object({
    step: z.number().int().nonnegative(), density: z.number().min(0).max(1),
    layers: z.array(z.number().min(0).max(1)).max(1000), regrown: z.number().min(0).max(1),
  })).max(100_000).optional(),
  steps: z.number().int().nonnegative(),
  seconds: finiteOrNaN, samplesPerSec: finiteOrNaN,
});
export const RoundsSchema = z.array(RoundSchema).max(10_000);

/** A RunResult's own fields; its config goes through normaliseConfig separately (it names unknown fields). */
export const RunResultFieldsSchema = z.object({
  schema: z.literal('sparse-lab/run@1'),
  runId: z.string().max(100),
  config: z.unknown(),
  backend: z.string().max(40),
  startedAt: z.string().max(40),
  seconds: finiteOrNaN,
  rounds: RoundsSchema,
  /** Instability analysis (config.lmc): test error along the line between two copies, per k. */
  lmc: z.array(z.object({
    k: z.number().int().nonnegative(), alphas: z.array(z.number().min(0).max(1)).max(100),
    testError: z.array(finiteOrNaN).max(100), testLoss: z.array(finiteOrNaN).max(100), barrier: finiteOrNaN,
  })).max(100).optional(),
  stoppedReason: z.string().max(500).optional(),
});

/** A checkpoint's scalar fields: what a run file's header holds next to the blob index. */
export const CheckpointFieldsSchema = z.object({
  schema: z.literal('sparse-lab/checkpoint@1'),
  runId: z.string().max(100),
  nextRound: z.number().int().min(0).max(10_000),
  startStep: z.number().int().min(0).max(10_000_000),
  theta0Label: z.enum(['init', 'init-redraw']),
  results: RoundsSchema,
  runDone: z.number().min(0).max(1e12),
  savedAt: z.string().max(40),
});

const tensors = <T extends z.ZodType>(array: T) => z.record(LayerName, array).refine((r) => Object.keys(r).length <= 1000, { message: 'too many layers' });
/** A whole checkpoint, typed arrays included (IndexedDB, the worker's resume message). */
export const CheckpointSchema = CheckpointFieldsSchema.extend({
  masks: tensors(z.instanceof(Uint8Array)),
  weights: tensors(z.instanceof(Float32Array)),
  thetaK: tensors(z.instanceof(Float32Array)).nullable(),
});

/** "rounds.0.density: Too big…; unknown field "turbo" in training" — at most four, one line. */
export function describeIssues(e: ZodError, max = 4): string {
  const parts = e.issues.slice(0, max).map((i) => {
    const where = i.path.map(String).join('.') || '(top level)';
    if (i.code === 'unrecognized_keys') return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')} in ${where}`;
    return `${where}: ${i.message}`;
  });
  const more = e.issues.length - max;
  return parts.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

/** The checkpoint's shape, or null with the reason (for the page's and the worker's own error types). */
export function checkCheckpoint(x: unknown): { ok: true; checkpoint: RunCheckpoint } | { ok: false; reason: string } {
  const r = CheckpointSchema.safeParse(x);
  return r.success ? { ok: true, checkpoint: r.data as unknown as RunCheckpoint } : { ok: false, reason: describeIssues(r.error, 3) };
}

export const asRounds = (x: z.infer<typeof RoundsSchema>): RoundResult[] => x as RoundResult[];
