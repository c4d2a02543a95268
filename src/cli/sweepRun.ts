import os from 'node:os';
import { resolve } from 'node:path';
import { runSweep, type CellFile, type SweepSummary, type SweepCell } from '../engine';
import { dirStore, readCellDir, removeStaleTemps } from '../node/sweepDir';
import { ProcessExecutor } from '../node/sweepPool';
import { fmt, ProgressBar } from './progress';

export interface SweepRunOptions {
  dir: string;
  jobs: number;
  backend?: string;
  data?: string;
  quiet?: boolean;
  /** One line per finished cell (default: method, density, seed and final test accuracy of the last trunk round). */
  describe?(cell: SweepCell, file: CellFile): string;
}

export interface SweepRunResult {
  summary: SweepSummary;
  /** This sweep's cells found in the folder after the run (finished now or earlier). */
  files: CellFile[];
  /** Ctrl-C was pressed: the running cells finished, the rest wait for the same command again. */
  interrupted: boolean;
}

export const defaultJobs = () => Math.max(1, os.availableParallelism?.() ?? os.cpus().length);

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(2)} %` : 'n/a');

export function cellName(c: SweepCell): string {
  const grid = Object.entries(c.grid).map(([k, v]) => ` ${k}=${v}`).join('');
  return `${c.method}${c.density === null ? '' : ` @ ${c.density}`}${grid} seed ${c.seed}`;
}

function defaultDescribe(cell: SweepCell, file: CellFile): string {
  const trunk = file.result.rounds.filter((r) => r.series === 'trunk');
  const accs = trunk.slice(cell.kind === 'single' ? -1 : 0).map((r) => `${(r.density * 100).toFixed(1)} %→${pct(r.finalTestAcc)}`).join(', ');
  return `${cellName(cell)}: ${accs}${file.result.stoppedReason ? ` (${file.result.stoppedReason})` : ''}`;
}

/**
 * Runs cells on a pool of worker processes with the sweep's progress on the
 * terminal: a bar (cells done / running / left, ETA) and one line per
 * finished cell. Ctrl-C once: no new cells, the running ones finish and are
 * saved, and the same command resumes; twice: the workers stop at once.
 */
export async function runSweepCli(cells: SweepCell[], o: SweepRunOptions): Promise<SweepRunResult> {
  const dir = resolve(o.dir);
  removeStaleTemps(dir);
  const bar = new ProgressBar(process.stderr, !o.quiet);
  const log = (s: string) => { bar.clear(); console.log(s); };
  const warn = (s: string) => { bar.clear(); console.error(`warning: ${s}`); };
  const executors: ProcessExecutor[] = [];
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) log('\nInterrupted: finishing the running cells, starting no new ones (Ctrl-C again to stop now)…');
    else {
      log('\nStopping now; unfinished cells will run again next time.');
      for (const e of executors) e.kill();
    }
  };
  process.on('SIGINT', onSigint);
  const started = Date.now();
  let finished = 0;
  let toRun = 0;
  const live = new Map<string, { cell: SweepCell; done: number }>();
  const describe = o.describe ?? defaultDescribe;
  let summary: SweepSummary;
  try {
    summary = await runSweep(cells, {
      jobs: o.jobs,
      store: dirStore(dir, warn),
      stopRequested: () => interrupts > 0,
      executor: (i) => {
        const onReady = (b: string) => {
          if (i === 0 || (o.backend && b !== o.backend)) log(`worker ${i + 1}: backend ${b}${o.backend && b !== o.backend ? ` (asked for ${o.backend}: not available here)` : ''}`);
        };
        const e = new ProcessExecutor({ backend: o.backend, dataRoot: o.data, onReady });
        executors.push(e);
        return e;
      },
      onEvent: (e) => {
        switch (e.type) {
          case 'sweep-start':
            toRun = e.toRun;
            log(`${e.cells} cells: ${e.skipped} already in ${dir}, ${e.toRun} to train on ${e.jobs} worker${e.jobs === 1 ? '' : 's'}`);
            break;
          case 'cell-start':
            live.set(e.cell.runId, { cell: e.cell, done: 0 });
            break;
          case 'cell-progress': {
            const l = live.get(e.cell.runId);
            if (l) l.done = e.done;
            const p = e.progress;
            bar.update(p.done, toRun || 1, `done ${p.done} · running ${p.running} · left ${p.left}${p.failed ? ` · failed ${p.failed}` : ''} · sweep ETA ${fmt(p.eta)}`);
            break;
          }
          case 'cell-end': {
            live.delete(e.cell.runId);
            finished++;
            const p = e.progress;
            log(`[${finished}/${toRun}] ${describe(e.cell, e.file)} · ${e.seconds.toFixed(1)} s · ${e.cell.runId} · running ${p.running}, left ${p.left}, ETA ${fmt(p.eta)}`);
            break;
          }
          case 'cell-failed':
            live.delete(e.cell.runId);
            log(`FAILED ${cellName(e.cell)} (${e.cell.runId}): ${e.error}`);
            break;
        }
      },
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
    bar.clear();
  }
  const wanted = new Set(cells.map((c) => c.runId));
  const files = readCellDir(dir, warn).filter((f) => wanted.has(f.runId));
  const wall = (Date.now() - started) / 1000;
  log(`Trained ${summary.trained.length} cell${summary.trained.length === 1 ? '' : 's'} in ${fmt(wall)} (${wall.toFixed(0)} s); ${files.length} of ${cells.length} cells are in ${dir}.`);
  if (summary.failed.length) log(`${summary.failed.length} cell(s) failed; they run again with the same command.`);
  if (interrupts > 0 || summary.notStarted > 0) log(`Stopped with ${cells.length - files.length} cell(s) to go: run the same command again to resume.`);
  return { summary, files, interrupted: interrupts > 0 };
}
