import { z, ZodError } from 'zod';
import type { RoundResult } from '../engine/experiment/events';
import { normaliseConfig } from '../engine/experiment/normalise';
import { decodeRunFile, MAX_RUN_FILE_BYTES, RunFileError } from '../engine/io/runFile';
import { methods } from '../engine/methods/registry';
import { roundsSummary, type RunArtifacts, type StoredRunMeta } from './runStorage';

/**
 * A `.sparselab` file from anywhere (the page's export, the CLI's --save-run,
 * a stranger) turned into a history entry. decodeRunFile checks the format,
 * version and checksum; here the contents are checked too, because a file
 * with a valid checksum can still hold anything: the config goes through the
 * engine's strict schema (naming unknown fields) and every round through a
 * schema, so a crafted file gets a message instead of crashing the charts.
 */
export interface ImportedRun {
  meta: StoredRunMeta;
  rounds: RoundResult[];
  artifacts: RunArtifacts;
}

/** JSON turns NaN (a diverged loss) into null: accept it and give the NaN back. */
const num = z.number().nullable().transform((v) => (v === null ? Number.NaN : v));
const EvalPointSchema = z.object({ step: z.number().int().nonnegative(), trainLoss: num, valLoss: num, valAcc: num, testLoss: num, testAcc: num });
const RoundSchema = z.object({
  series: z.enum(['trunk', 'reinit', 'random-mask']),
  round: z.number().int().min(0).max(10_000),
  density: z.number().min(0).max(1),
  layers: z.array(z.object({ name: z.string().max(200), size: z.number().int().nonnegative(), nnz: z.number().int().nonnegative(), density: z.number().min(0).max(1) })).max(1000),
  earlyStopStep: z.number().int().nonnegative(),
  earlyStopValAcc: num, earlyStopTestAcc: num, finalTestAcc: num, finalValAcc: num,
  curve: z.array(EvalPointSchema).max(100_000),
  steps: z.number().int().nonnegative(),
  seconds: num, samplesPerSec: num,
});
const ResultSchema = z.object({
  runId: z.string().max(100),
  config: z.unknown(),
  backend: z.string().max(40),
  startedAt: z.string().max(40),
  seconds: num,
  rounds: z.array(RoundSchema).max(10_000),
  stoppedReason: z.string().max(500).optional(),
});

const describe = (e: ZodError) =>
  e.issues.slice(0, 4).map((i) => {
    const where = i.path.join('.') || '(top level)';
    return i.code === 'unrecognized_keys' ? `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')} in ${where}` : `${where}: ${i.message}`;
  }).join('; ');

export function importRunFile(bytes: Uint8Array, fileName: string): ImportedRun {
  const file = decodeRunFile(bytes, fileName);
  const parsed = ResultSchema.safeParse(file.result);
  if (!parsed.success) throw new RunFileError(`${fileName} holds invalid results: ${describe(parsed.error)}`);
  const result = parsed.data;
  let config;
  try {
    config = normaliseConfig(result.config);
  } catch (e) {
    throw new RunFileError(`${fileName} holds an invalid experiment: ${e instanceof ZodError ? describe(e) : (e as Error).message}`);
  }
  const rounds = result.rounds as RoundResult[];
  const checkpoint = file.checkpoint;
  const meta: StoredRunMeta = {
    // The same file imported twice replaces its entry instead of duplicating it.
    id: `file-${result.runId}-${result.startedAt}`.replace(/[^\w.:-]/g, '_'),
    name: config.name ?? methods[config.method.id]?.label ?? config.method.id,
    methodId: config.method.id, model: config.model, dataset: config.data.dataset, seed: config.seed,
    createdAt: Number.isNaN(Date.parse(result.startedAt)) ? new Date().toISOString() : new Date(result.startedAt).toISOString(),
    updatedAt: new Date().toISOString(),
    backend: result.backend,
    status: result.stoppedReason ? 'stopped' : 'finished',
    ...(result.stoppedReason ? { stoppedReason: result.stoppedReason } : {}),
    origin: 'file', input: config, config,
    ...roundsSummary(rounds),
    seconds: Number.isFinite(result.seconds) ? result.seconds : 0,
    hasTicket: Boolean(file.masks),
    ...(checkpoint && result.stoppedReason ? { checkpointRound: checkpoint.nextRound } : {}),
  };
  const artifacts: RunArtifacts = { masks: file.masks, ticketWeights: file.ticketWeights, ...(meta.checkpointRound !== undefined ? { checkpoint } : {}) };
  return { meta, rounds, artifacts };
}

/** Reads a picked or dropped file, refusing an oversized one before loading it into memory. */
export async function importRunBlob(blob: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }): Promise<ImportedRun> {
  if (blob.size > MAX_RUN_FILE_BYTES) {
    throw new RunFileError(`${blob.name} is ${(blob.size / 1e6).toFixed(0)} MB; the limit is ${(MAX_RUN_FILE_BYTES / 1e6).toFixed(0)} MB`);
  }
  return importRunFile(new Uint8Array(await blob.arrayBuffer()), blob.name);
}
