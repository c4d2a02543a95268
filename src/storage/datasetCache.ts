/**
 * Where an imported dataset lives between visits. The page, the import
 * worker and the trainer worker each open it on their own; the browser's
 * implementation is IndexedDB (datasetCacheIdb.ts, database
 * 'sparse-lab-datasets', kept apart from the run history's 'sparse-lab' so
 * the two never contend for schema versions), tests use the in-memory one.
 */

/** What the page shows about a stored import (the files themselves stay in storage). */
export interface StoredDatasetInfo {
  id: string;
  /** Where it came from: a file name, "6 .bin files" or a URL. */
  source: string;
  recordsPerFile: number;
  /** Sum of the stored files' sizes. */
  bytes: number;
  /** Date.now() when the import was stored. */
  importedAt: number;
  /** Seconds the worker took to read, decompress and check the files (storing not included). */
  seconds: number;
  /** Set when the files are not the official distribution (e.g. fewer records per file, or another md5). */
  warning?: string;
  /** The archive's md5 against the published one (absent for .bin files and prepared folders). */
  checksum?: 'official' | 'mismatch' | 'unchecked';
  md5?: string;
}

export interface DatasetCache {
  info(id: string): Promise<StoredDatasetInfo | null>;
  /** One stored file's bytes, or null when it is not there. */
  file(id: string, name: string): Promise<Uint8Array | null>;
  /** Replaces the dataset's files and info at once: readers see the old import or the new one, never a mix. */
  save(info: StoredDatasetInfo, files: Record<string, Uint8Array>): Promise<void>;
  forget(id: string): Promise<void>;
}

/** A DatasetCache in a Map, for tests and for hosts without IndexedDB. */
export function memoryDatasetCache(): DatasetCache {
  const infos = new Map<string, StoredDatasetInfo>();
  const files = new Map<string, Record<string, Uint8Array>>();
  return {
    info: async (id) => infos.get(id) ?? null,
    file: async (id, name) => files.get(id)?.[name] ?? null,
    async save(info, f) {
      files.set(info.id, { ...f });
      infos.set(info.id, { ...info });
    },
    async forget(id) {
      files.delete(id);
      infos.delete(id);
    },
  };
}
