import { normaliseConfig, runId, encodeRunFile, type RoundResult, type RunResult } from '../engine/spec';
import type { RunArtifacts, StoredRunMeta } from './runStorage';

/** The file extension the page and the CLI (`--save-run`, `--config`, `--resume`) share. */
export const RUN_FILE_EXT = '.sparselab';

/** A stored run as the engine's RunResult: what the CLI writes with --out and reads with --config. */
export function toRunResult(meta: StoredRunMeta, rounds: RoundResult[]): RunResult {
  const config = meta.config ?? normaliseConfig(meta.input);
  const unfinished = meta.status !== 'finished';
  return {
    schema: 'sparse-lab/run@1', runId: runId(config), config, backend: meta.backend, startedAt: meta.createdAt, seconds: meta.seconds, rounds,
    ...(unfinished ? { stoppedReason: meta.stoppedReason ?? meta.status } : {}),
  };
}

/**
 * One run as a `.sparselab` file (src/engine/io/runFile.ts): config, every
 * round's metrics, the ticket's masks and weights, and the checkpoint when the
 * run is unfinished, so `npm run lab -- --resume FILE` can continue it.
 */
export function exportRunFile(meta: StoredRunMeta, rounds: RoundResult[], artifacts: RunArtifacts): Uint8Array {
  return encodeRunFile({
    result: toRunResult(meta, rounds),
    masks: artifacts.masks,
    ticketWeights: artifacts.ticketWeights,
    checkpoint: meta.status === 'finished' ? undefined : artifacts.checkpoint,
  });
}

/** "imp-lenet300-seed0-2026-11-30.sparselab": only safe characters, whatever the run was called. */
export function exportFileName(meta: Pick<StoredRunMeta, 'name' | 'model' | 'seed' | 'createdAt'>, ext = RUN_FILE_EXT): string {
  const slug = `${meta.name}-${meta.model}-seed${meta.seed}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
  return `${slug || 'run'}-${meta.createdAt.slice(0, 10)}${ext}`;
}

export const CSV_COLUMNS = [
  'run_id', 'name', 'method', 'series', 'round', 'density', 'step',
  'train_loss', 'val_loss', 'val_acc', 'test_loss', 'test_acc', 'early_stop',
] as const;

/**
 * A text cell a spreadsheet can never run as a formula. Spreadsheets split
 * on the locale's separator (`,` `;` tab `|`), so `a;=1+1` is a formula cell
 * where `;` separates: every piece that would start with = + - @ (after
 * blanks) gets an apostrophe, and any cell holding a separator is quoted.
 */
export function csvCell(v: string | number): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const safe = v.replace(/^[\t\r]/, "'$&").replace(/(^|[,;\t|\r\n])([ \t]*)([=+\-@])/g, "$1$2'$3");
  return /[",;\t|\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Metrics as CSV: one row per run × series × round × evaluation point; early_stop marks the LTH early-stop point. */
export function metricsCsv(runs: { meta: Pick<StoredRunMeta, 'id' | 'name' | 'methodId'>; rounds: RoundResult[] }[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { meta, rounds } of runs) {
    for (const r of rounds) {
      for (const p of r.curve) {
        lines.push([
          meta.id, meta.name, meta.methodId, r.series, r.round, r.density, p.step,
          p.trainLoss, p.valLoss, p.valAcc, p.testLoss, p.testAcc, p.step === r.earlyStopStep ? 1 : 0,
        ].map(csvCell).join(','));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
