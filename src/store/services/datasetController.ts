import type { DatasetCache } from '../../storage/datasetCache';
import { DatasetImportClient, type ImporterHandlers } from '../../worker/datasetClient';
import type { ImportSource } from '../../worker/datasetProtocol';
import { cifarUsable, reduceCifar, type CifarEvent } from '../state/cifarImportState';
import { probeDatasetFiles } from './datasetFiles';
import type { PageStore } from '../state/pageStore';
import { isBusy } from '../state/runSlice';

export interface DatasetController {
  /** Finds out what is available: prepared files on the site, and an import stored in this browser. */
  check(): Promise<void>;
  /** Imports cifar-10-binary.tar.gz or the six .bin files; false when an import or a run is in progress. */
  importFiles(files: File[]): boolean;
  /** Imports from an absolute URL (an archive, or a folder of prepared files). */
  importUrl(url: string): boolean;
  cancel(): void;
  /** Answers "replace the stored import with this unofficial archive?". */
  answer(replace: boolean): void;
  /** Deletes the stored import (the site's own files, if any, stay usable). */
  forget(): Promise<void>;
}

export interface DatasetControllerDeps {
  cache: DatasetCache;
  /** Tells the trainer to drop a dataset it parsed from the old files. */
  dataChanged(): void;
  probe?(): Promise<Record<string, boolean>>;
  makeClient?(h: ImporterHandlers): DatasetImportClient;
  now?(): number;
}

/**
 * Drives CIFAR-10's import: one import worker at a time, its messages folded
 * into the store through reduceCifar, and `datasetFiles` (what validation
 * and the dataset menu read) kept in step with the result.
 */
export function createDatasetController(store: PageStore, deps: DatasetControllerDeps): DatasetController {
  const now = deps.now ?? (() => performance.now());
  const probe = deps.probe ?? (() => probeDatasetFiles(import.meta.env?.BASE_URL ?? '/'));
  let nextId = 1;

  const apply = (e: CifarEvent) =>
    store.setState((s) => {
      const cifar = reduceCifar(s.cifar, e);
      if (cifar === s.cifar) return {};
      const known = cifar.availability !== 'checking';
      return { cifar, ...(known ? { datasetFiles: { ...(s.datasetFiles ?? {}), cifar10: cifarUsable(cifar) } } : {}) };
    });

  const client = (deps.makeClient ?? ((h) => new DatasetImportClient(h)))({
    message(m) {
      if (m.type === 'progress') return apply({ type: 'progress', id: m.jobId, stage: m.stage, loaded: m.loaded, total: m.total, detail: m.detail });
      if (m.type === 'confirm') return apply({ type: 'confirm', id: m.jobId, message: m.message });
      client.end();
      if (m.type === 'failed') return apply({ type: 'failed', id: m.jobId, message: m.message, file: m.file });
      if (m.type === 'kept') return apply({ type: 'kept', id: m.jobId, message: m.message });
      apply({ type: 'done', id: m.jobId, info: m.info, at: now() });
      deps.dataChanged();
    },
    crash(id, message) {
      client.end();
      apply({ type: 'failed', id, message: `The import stopped: ${message}` });
    },
  });

  function begin(source: ImportSource, label: string): boolean {
    const s = store.getState();
    if (s.cifar.job || isBusy(s.status)) return false;
    const id = nextId++;
    apply({ type: 'start', id, source: label, at: now() });
    client.start(id, source);
    return true;
  }

  function cancel(): void {
    const job = store.getState().cifar.job;
    client.end();
    if (job) apply({ type: 'cancelled', id: job.id });
  }

  return {
    async check() {
      const [found, stored] = await Promise.all([probe().catch(() => ({}) as Record<string, boolean>), deps.cache.info('cifar10').catch(() => null)]);
      store.setState((s) => ({ datasetFiles: { ...(s.datasetFiles ?? {}), ...found } }));
      apply({ type: 'checked', stored, server: found.cifar10 === true });
    },
    importFiles: (files) => begin({ kind: 'files', files }, files.length === 1 ? files[0].name : `${files.length} files`),
    importUrl: (url) => begin({ kind: 'url', url }, url),
    cancel,
    answer(replace) {
      const job = store.getState().cifar.job;
      if (job?.confirm) client.reply(job.id, replace);
    },
    async forget() {
      cancel();
      await deps.cache.forget('cifar10');
      apply({ type: 'forgotten' });
      deps.dataChanged();
    },
  };
}
