import { cifar10Entry } from './cifar10';
import { maybeGunzip } from './gunzip';
import { MNIST_FILES, MNIST_META, parseMnist } from './mnist';
import { splitDataset } from './split';
import type { Dataset, DatasetEntry, FileReader, RawDataset, SplitOptions } from './types';
import { DataError } from './types';

export type { DatasetEntry, FileReader } from './types';
import { assertSafeKey, ownEntry, requireEntry } from '../util/ownKeys';

/**
 * Where a host gets a data file's bytes: Node reads the disk, the page and
 * the worker fetch from public/data. Reports progress as (loaded, total) bytes.
 */


export const datasets: Record<string, DatasetEntry> = {
  mnist: {
    meta: MNIST_META,
    folder: 'mnist',
    files: MNIST_FILES,
    prepareCommand: 'npm run data:mnist',
    parse: (f) => parseMnist(f as Record<keyof typeof MNIST_FILES, Uint8Array>),
    valSize: 5000,
  },
  // Six gzipped .bin files prepared by `npm run data:cifar10`, or served from an imported archive.
  cifar10: cifar10Entry(),
};

/** Registers a dataset (CIFAR-10 and test fixtures add themselves here). */
export function registerDataset(id: string, entry: DatasetEntry): void {
  assertSafeKey(id, 'a dataset id');
  datasets[id] = entry;
}

/** The dataset registered under `id` (own entries only: 'constructor' is not a dataset). */
export const findDataset = (id: unknown): DatasetEntry | undefined => ownEntry(datasets, id);
export const datasetIds = (): string[] => Object.keys(datasets);

export interface LoadProgress {
  file: string;
  loaded: number;
  total: number;
}

/** Reads, decompresses, validates and splits a dataset through a host's FileReader. */
export async function loadDataset(
  id: string,
  read: FileReader,
  split: Partial<SplitOptions> = {},
  onProgress?: (p: LoadProgress) => void,
): Promise<Dataset> {
  const entry = requireEntry(datasets, id, 'dataset');
  const bytes: Record<string, Uint8Array> = {};
  for (const [key, file] of Object.entries(entry.files)) {
    try {
      const raw = await read(`${entry.folder}/${file}`, (loaded, total) => onProgress?.({ file, loaded, total }));
      bytes[key] = await maybeGunzip(raw, file);
    } catch (e) {
      throw withFix(e, file, entry.prepareCommand);
    }
  }
  let raw: RawDataset;
  try {
    raw = entry.parse(bytes);
  } catch (e) {
    throw withFix(e, (e as DataError).file ?? entry.folder, entry.prepareCommand);
  }
  return splitDataset(entry.meta, raw, { valSize: entry.valSize, splitSeed: 0, ...split });
}

function withFix(e: unknown, file: string, command: string): DataError {
  const msg = e instanceof Error ? e.message : String(e);
  return new DataError(`${msg}${msg.includes(file) ? '' : ` (${file})`}. Regenerate the data with: ${command}`, file);
}
