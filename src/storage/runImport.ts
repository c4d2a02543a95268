import { decodeRunFile, MAX_RUN_FILE_BYTES, RunFileError, methodLabel, type RoundResult } from '../engine/spec';
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

export function importRunFile(bytes: Uint8Array, fileName: string): ImportedRun {
  // decodeRunFile checks the header, every round, the checkpoint and the config (in the CLI too).
  const file = decodeRunFile(bytes, fileName);
  const result = file.result;
  const config = result.config;
  const rounds = result.rounds;
  const checkpoint = file.checkpoint;
  const meta: StoredRunMeta = {
    // The same file imported twice replaces its entry instead of duplicating it.
    id: `file-${result.runId}-${result.startedAt}`.replace(/[^\w.:-]/g, '_'),
    name: config.name ?? methodLabel(config.method.id),
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
