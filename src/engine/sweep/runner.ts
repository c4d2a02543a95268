import type { CellFile } from './cellFile';
import { SweepProgress, type ProgressSnapshot } from './progress';
import type { SweepCell } from './spec';

/**
 * The one sweep runner: the CLI's `sweep`, `compare` and `reproduce` and the
 * in-process comparisons of the tests all go through it. It skips cells whose
 * result is already stored, hands the rest to a pool of executors (worker
 * processes in the CLI, one in-process executor in tests), stores each
 * result as soon as it arrives, and stops handing out cells once asked to, so
 * a stopped or killed sweep resumes by running the same command again.
 */
export interface CellExecutor {
  run(cell: SweepCell, onProgress: (done: number) => void): Promise<CellFile>;
  /** Ends the executor once the sweep is over (or at once, for a hard stop). */
  close(): Promise<void>;
}

export interface ResultStore {
  /** True when a valid result for this run id is already stored. */
  has(runId: string): Promise<boolean>;
  put(file: CellFile): Promise<void>;
}

export type SweepEvent =
  | { type: 'sweep-start'; cells: number; skipped: number; toRun: number; jobs: number }
  | { type: 'cell-start'; cell: SweepCell; worker: number }
  | { type: 'cell-progress'; cell: SweepCell; done: number; progress: ProgressSnapshot }
  | { type: 'cell-end'; cell: SweepCell; file: CellFile; seconds: number; progress: ProgressSnapshot }
  | { type: 'cell-failed'; cell: SweepCell; error: string; progress: ProgressSnapshot };

export interface SweepOptions {
  jobs: number;
  store: ResultStore;
  /** Creates executor number `i` (0-based); called only when there is work for it. */
  executor(i: number): CellExecutor;
  onEvent?(e: SweepEvent): void;
  /** Polled before each cell starts: true stops handing out cells (the running ones finish). */
  stopRequested?(): boolean;
  now?(): number;
}

export interface SweepSummary {
  cells: number;
  skipped: number;
  trained: string[];
  failed: { runId: string; error: string }[];
  /** Cells not started because a stop was requested. */
  notStarted: number;
  seconds: number;
}

export async function runSweep(cells: SweepCell[], o: SweepOptions): Promise<SweepSummary> {
  const now = o.now ?? (() => performance.now() / 1000);
  const t0 = now();
  const todo: SweepCell[] = [];
  for (const c of cells) if (!(await o.store.has(c.runId))) todo.push(c);
  const jobs = Math.max(1, Math.min(Math.floor(o.jobs), todo.length || 1));
  const emit = o.onEvent ?? (() => {});
  emit({ type: 'sweep-start', cells: cells.length, skipped: cells.length - todo.length, toRun: todo.length, jobs });
  const progress = new SweepProgress(todo.length, todo.reduce((n, c) => n + c.steps, 0), jobs, now);
  const summary: SweepSummary = { cells: cells.length, skipped: cells.length - todo.length, trained: [], failed: [], notStarted: 0, seconds: 0 };
  let next = 0;

  const worker = async (w: number) => {
    let ex: CellExecutor | null = null;
    try {
      while (next < todo.length && !o.stopRequested?.()) {
        const cell = todo[next++];
        ex ??= o.executor(w);
        progress.start(cell.runId, cell.steps);
        emit({ type: 'cell-start', cell, worker: w });
        const started = now();
        try {
          const file = await ex.run(cell, (done) => {
            progress.update(cell.runId, done);
            emit({ type: 'cell-progress', cell, done, progress: progress.snapshot() });
          });
          await o.store.put(file);
          // The run's own time: a worker's first cell also pays for loading its backend and data, once.
          const ran = Number.isFinite(file.result.seconds) ? Math.min(file.result.seconds, now() - started) : now() - started;
          progress.finish(cell.runId, ran, true);
          summary.trained.push(cell.runId);
          emit({ type: 'cell-end', cell, file, seconds: now() - started, progress: progress.snapshot() });
        } catch (e) {
          progress.finish(cell.runId, now() - started, false);
          const error = e instanceof Error ? e.message : String(e);
          summary.failed.push({ runId: cell.runId, error });
          emit({ type: 'cell-failed', cell, error, progress: progress.snapshot() });
          // A fresh executor for the next cell: the failure may have taken this one (a crashed worker) with it.
          await ex.close().catch(() => {});
          ex = null;
        }
      }
    } finally {
      await ex?.close();
    }
  };
  await Promise.all(Array.from({ length: todo.length ? jobs : 0 }, (_, w) => worker(w)));
  summary.notStarted = todo.length - next;
  summary.seconds = now() - t0;
  return summary;
}
