import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError, type FileReader } from '../engine';
import { readBoundedFile } from './boundedRead';

/** The largest prepared data file is CIFAR-10's archive (~170 MB). */
const MAX_DATA_FILE_BYTES = 400 * 1024 * 1024;

/** public/data in this checkout: the same files the page fetches. */
const DEFAULT_DATA_ROOT = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'data'));

/** A FileReader over a folder on disk (the CLI's --data flag, default public/data). */
export function diskReader(root = DEFAULT_DATA_ROOT): FileReader {
  return async (file) => {
    const path = join(root, file);
    if (!existsSync(path)) throw new DataError(`Missing data file ${path}`, path);
    // Regular files only, and no bigger than any real data file: a FIFO or device here would hang or fill memory.
    return readBoundedFile(path, 'data file', MAX_DATA_FILE_BYTES);
  };
}
