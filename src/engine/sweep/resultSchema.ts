import { z } from 'zod';

/**
 * The shape of a run's results when read back from a file (a sweep cell or a
 * merged sweep), with caps on every list and string. JSON writes NaN (a
 * diverged loss) as null, so numbers accept null and give NaN back.
 */
const num = z.number().nullable().transform((v) => (v === null ? Number.NaN : v));

export const EvalPointSchema = z.object({
  step: z.number().int().nonnegative(), trainLoss: num.optional(), valLoss: num, valAcc: num, testLoss: num.optional(), testAcc: num,
});

export const LayerSchema = z.object({ name: z.string().max(200), size: z.number().int().nonnegative(), nnz: z.number().int().nonnegative(), density: z.number().min(0).max(1) });

export const RoundSchema = z.object({
  series: z.enum(['trunk', 'reinit', 'random-mask']),
  round: z.number().int().min(0).max(10_000),
  density: z.number().min(0).max(1),
  layers: z.array(LayerSchema).max(1000),
  earlyStopStep: z.number().int().nonnegative(),
  earlyStopValAcc: num, earlyStopTestAcc: num, finalTestAcc: num, finalValAcc: num,
  curve: z.array(EvalPointSchema).max(100_000),
  steps: z.number().int().nonnegative(),
  seconds: num, samplesPerSec: num,
});

export const RunResultSchema = z.object({
  schema: z.literal('sparse-lab/run@1'),
  runId: z.string().max(100),
  config: z.unknown(),
  backend: z.string().max(40),
  startedAt: z.string().max(40),
  seconds: num,
  rounds: z.array(RoundSchema).max(10_000),
  stoppedReason: z.string().max(500).optional(),
});
