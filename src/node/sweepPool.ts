import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CellFile, CellExecutor, SweepCell } from '../engine';

/**
 * The sweep's executors in the CLI: one long-lived Node process per job
 * (tfjs's WASM backend is single-threaded, so processes are what use every
 * core). Each process loads its backend and dataset once and trains the cells
 * it is handed, reporting progress and the finished cell over IPC.
 */
const WORKER = join(dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'sweepWorker.ts');

export interface WorkerOptions {
  backend?: string;
  dataRoot?: string;
  /** Called once the worker has initialised its backend (it may have fallen back from the one asked for). */
  onReady?(backend: string): void;
}

export type ToWorker = { type: 'run'; cell: SweepCell; backend?: string; dataRoot?: string };
export type FromWorker =
  | { type: 'ready'; backend: string }
  | { type: 'progress'; runId: string; done: number }
  | { type: 'done'; file: CellFile }
  | { type: 'error'; runId: string; message: string };

/** tsx's loader when this process has it (npm run lab), else added: the worker is TypeScript source. */
function loaderArgs(): string[] {
  return process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : [...process.execArgv, '--import', 'tsx'];
}

export class ProcessExecutor implements CellExecutor {
  private readonly child: ChildProcess;
  private pending: { runId: string; onProgress(done: number): void; resolve(f: CellFile): void; reject(e: Error): void } | null = null;
  private exited = false;
  backend = '';

  constructor(private readonly opts: WorkerOptions) {
    this.child = fork(WORKER, [], { execArgv: loaderArgs(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: FromWorker) => this.onMessage(m));
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.pending?.reject(new Error(`worker exited (${signal ?? `code ${code}`}) during the cell`));
      this.pending = null;
    });
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'ready') {
      this.backend = m.backend;
      this.opts.onReady?.(m.backend);
    }
    const p = this.pending;
    if (!p) return;
    if (m.type === 'progress' && m.runId === p.runId) p.onProgress(m.done);
    else if (m.type === 'done' && m.file.runId === p.runId) {
      this.pending = null;
      p.resolve(m.file);
    } else if (m.type === 'error' && m.runId === p.runId) {
      this.pending = null;
      p.reject(new Error(m.message));
    }
  }

  run(cell: SweepCell, onProgress: (done: number) => void): Promise<CellFile> {
    if (this.exited) return Promise.reject(new Error('worker has exited'));
    return new Promise((resolve, reject) => {
      this.pending = { runId: cell.runId, onProgress, resolve, reject };
      const msg: ToWorker = { type: 'run', cell, backend: this.opts.backend, dataRoot: this.opts.dataRoot };
      this.child.send(msg);
    });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((res) => this.child.once('exit', () => res()));
    this.child.disconnect();
    await gone;
  }

  /** Ends the worker now (a second Ctrl-C). */
  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}
