import { DataError } from '../engine/spec';
import type { DatasetCache, StoredDatasetInfo } from '../storage/datasetCache';
import type { FromImporter, ToImporter } from './datasetProtocol';
import { importCifar, type ImportProgress } from './datasetImport';

export interface ImportJobDeps {
  post(msg: FromImporter): void;
  cache: DatasetCache;
  fetchFn?: typeof fetch;
  now?(): number;
  /** At most one progress message per this many ms (the last one always goes out). */
  progressEveryMs?: number;
  /**
   * Asks the page whether to replace the stored import (after a 'confirm'
   * message); resolves with the answer. Without it a stored import is kept.
   */
  confirmReplace?(): Promise<boolean>;
}

/**
 * One import, start to finish, without touching `self`: read and check the
 * files, store them, report. Progress is throttled (a 163 MB archive comes
 * in thousands of chunks); every failure becomes one 'failed' message with
 * the engine's wording.
 */
export async function runImportJob(msg: Extract<ToImporter, { type: 'import' }>, deps: ImportJobDeps): Promise<void> {
  const now = deps.now ?? (() => performance.now());
  const every = deps.progressEveryMs ?? 100;
  const { jobId } = msg;
  const t0 = now();
  let last = -Infinity;
  const progress = (p: ImportProgress) => {
    const t = now();
    if (t - last < every && p.loaded < p.total) return;
    last = t;
    deps.post({ type: 'progress', jobId, ...p });
  };
  try {
    const r = await importCifar(msg.source, progress, deps.fetchFn);
    const bytes = Object.values(r.files).reduce((n, b) => n + b.length, 0);
    const info: StoredDatasetInfo = {
      id: 'cifar10', source: r.source, recordsPerFile: r.recordsPerFile, bytes, importedAt: Date.now(), seconds: (now() - t0) / 1000,
      ...(r.warning ? { warning: r.warning } : {}),
      ...(r.checksum ? { checksum: r.checksum.checksum, ...(r.checksum.md5 ? { md5: r.checksum.md5 } : {}) } : {}),
    };
    // An archive that is not the official one never silently replaces a stored import.
    if (r.checksum?.checksum === 'mismatch') {
      const stored = await deps.cache.info('cifar10').catch(() => null);
      if (stored) {
        deps.post({
          type: 'confirm', jobId,
          message: `${r.warning ?? `${r.source} is not the official archive.`} Replace the CIFAR-10 stored in this browser (imported from ${stored.source}) with it?`,
        });
        if (!(await deps.confirmReplace?.())) {
          deps.post({ type: 'kept', jobId, message: `Kept the CIFAR-10 stored in this browser (imported from ${stored.source}); ${r.source} was not stored.` });
          return;
        }
      }
    }
    deps.post({ type: 'progress', jobId, stage: 'storing', loaded: bytes, total: bytes, detail: 'saving in this browser' });
    try {
      await deps.cache.save(info, r.files);
    } catch (e) {
      const err = e as Error;
      throw new DataError(
        `CIFAR-10 was read and checked, but this browser would not store it (${err.name}: ${err.message}). Free some disk space or allow this site more storage, then import again`,
      );
    }
    deps.post({ type: 'done', jobId, info });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    deps.post({ type: 'failed', jobId, message, ...(e instanceof DataError && e.file ? { file: e.file } : {}) });
  }
}
