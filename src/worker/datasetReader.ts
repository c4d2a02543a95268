import { CIFAR10_BIN_FILES, cifar10Entry, cifarRaw, registerDataset, DataError, type FileReader } from '../engine/spec';
import type { DatasetCache } from '../storage/datasetCache';
import { inferRecordsPerFile } from './datasetRecords';

/**
 * The trainer's FileReader: CIFAR-10 files come from the copy imported into
 * this browser when there is one, everything else (and CIFAR-10 without an
 * import) from the site's public/data through `fallback`. Bytes are not kept
 * here: the session keeps the parsed dataset, and 184 MB twice is too much.
 */
export function importedFirstReader(fallback: FileReader, cache: DatasetCache): FileReader {
  return async (file, onProgress) => {
    const m = /^cifar10\/(.+?)(?:\.gz)?$/.exec(file);
    if (!m) return fallback(file, onProgress);
    // Storage that cannot be opened (private windows in some browsers) means "no import".
    const info = await cache.info('cifar10').catch(() => null);
    if (!info) return fallback(file, onProgress);
    const bytes = await cache.file('cifar10', m[1]);
    if (!bytes) throw new DataError(`${m[1]} is missing from the CIFAR-10 stored in this browser`, m[1]);
    onProgress?.(bytes.length, bytes.length);
    return bytes;
  };
}

/**
 * Registers CIFAR-10 for the trainer with the record count read off the
 * files, since an import may hold fewer than 10,000 records per file (the
 * test fixture, a subset; the page warned about it at import). Files of
 * unequal size still fail the engine's strict check, by name.
 */
export function registerBrowserCifar(): void {
  registerDataset('cifar10', {
    ...cifar10Entry(),
    prepareCommand: 'forget CIFAR-10 and import it again (Data and model → CIFAR-10), or on the server: npm run data:cifar10',
    parse: (files) => cifarRaw(files, inferRecordsPerFile(CIFAR10_BIN_FILES.map((f) => files[f]?.length ?? 0)).records),
  });
}
