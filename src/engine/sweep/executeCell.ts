import type { Dataset } from '../data/types';
import { RunControl } from '../experiment/control';
import type { RunEvent } from '../experiment/events';
import { runExperiment } from '../experiment/runner';
import { CELL_SCHEMA, type CellFile } from './cellFile';
import { MaskDigest } from './digest';
import type { CellExecutor } from './runner';
import { cellMeta, type SweepCell } from './spec';

export interface ExecuteOptions {
  onProgress?(done: number): void;
  onEvent?(e: RunEvent): void;
  /** CPU seconds used so far by this process (Node's process.cpuUsage); 0 where unknown. */
  cpuSeconds?(): number;
}

/** Trains one cell on a loaded dataset and returns its result file. */
export async function executeCell(cell: SweepCell, ds: Dataset, o: ExecuteOptions = {}): Promise<CellFile> {
  const digest = new MaskDigest();
  const cpu0 = o.cpuSeconds?.() ?? 0;
  let last = -1;
  // No one is there to press "resume": a diverged cell stops, and its result (it would diverge again) is kept.
  const control = new RunControl();
  let diverged = false;
  const run = await runExperiment(cell.config, ds, {
    control,
    emit: (e) => {
      if (e.type === 'progress' && e.runDone !== last) {
        last = e.runDone;
        o.onProgress?.(e.runDone);
      }
      if (e.type === 'warning' && e.code === 'diverged') {
        diverged = true;
        control.stop();
      }
      o.onEvent?.(e);
    },
    inspect: ({ series, phase, net }) => {
      if (series === 'trunk' && phase === 'end') digest.add(net.masks);
    },
  });
  const result = diverged ? { ...run, stoppedReason: 'diverged' } : run;
  if (result.runId !== cell.runId) throw new Error(`cell ${cell.runId} ran as ${result.runId}: its config changed on the way`);
  if (result.stoppedReason && result.stoppedReason !== 'diverged') throw new Error(`cell ${cell.runId} stopped early (${result.stoppedReason})`);
  return { schema: CELL_SCHEMA, runId: cell.runId, cell: cellMeta(cell), masksDigest: digest.hex(), cpuSeconds: Math.max(0, (o.cpuSeconds?.() ?? 0) - cpu0), result };
}

/** Runs cells one after another in this thread: the tests' and the page-free library's executor. */
export function inProcessExecutor(ds: Dataset): CellExecutor {
  return { run: (cell, onProgress) => executeCell(cell, ds, { onProgress }), close: async () => {} };
}

/** A store in memory (tests, and comparisons that keep no files). */
export function memoryStore(): { has(id: string): Promise<boolean>; put(f: CellFile): Promise<void>; files: Map<string, CellFile> } {
  const files = new Map<string, CellFile>();
  return { files, has: async (id) => files.has(id), put: async (f) => void files.set(f.runId, f) };
}
