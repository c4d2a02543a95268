import type { WorkerLike } from './client';
import { isFromImporter, type FromImporter, type ImportSource, type ToImporter } from './datasetProtocol';

const spawnImporter = (): WorkerLike =>
  new Worker(new URL('./dataset.worker.ts', import.meta.url), { type: 'module', name: 'sparse-lab-dataset-import' });

export interface ImporterHandlers {
  message(msg: FromImporter): void;
  /** The worker died before answering (out of memory, failed to load). */
  crash(jobId: number, message: string): void;
}

/**
 * The page's side of the import worker: one fresh worker per import, one
 * listener, ended when the import is over (or cancelled), so nothing the
 * import held outlives it.
 */
export class DatasetImportClient {
  private worker: WorkerLike | null = null;

  constructor(private readonly on: ImporterHandlers, private readonly spawn: () => WorkerLike = spawnImporter) {}

  get busy(): boolean {
    return this.worker !== null;
  }

  start(jobId: number, source: ImportSource): void {
    this.end();
    const w = this.spawn();
    w.onmessage = (e) => {
      if (isFromImporter(e.data)) this.on.message(e.data);
      else console.error('Sparse Lab: ignored an unknown message from the import worker', e.data);
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      this.on.crash(jobId, e.message || 'the import worker stopped unexpectedly');
    };
    w.onmessageerror = () => this.on.crash(jobId, 'a message from the import worker could not be read');
    this.worker = w;
    w.postMessage({ type: 'import', jobId, source } satisfies ToImporter);
  }

  /** Answers the worker's 'confirm': replace the stored import, or keep it. */
  reply(jobId: number, replace: boolean): void {
    this.worker?.postMessage({ type: 'confirm', jobId, replace } satisfies ToImporter);
  }

  /** Ends the worker: after its answer, or to cancel the import. */
  end(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
